// Posture estimator, run once per block of samples (0.4 s: 5, 10 or 20 samples at 12.5, 25,
// 50 Hz, as the IMU FIFO delivers them). Espruino interprets source text at about 5,000
// instructions per statement, so the per-block path is a few dozen integer statements:
// the sums come from blockstats (native on the device), and the posture decisions are
// sign tests against directions precomputed at calibration, not angles. Angles in degrees
// are computed only when someone reads them (events, the live stream, minute summaries).
//
// Inputs: accel in Q13 g (8192 counts = 1 g; MPU6050 and LSM6DS3TR both give this at +-4 g),
// interleaved x,y,z; gyro in raw counts with gyroPerDps counts per deg/s (131 MPU6050,
// 114 LSM6DS3TR at 250 dps), interleaved x,y,z; zeros when the IMU has no gyro.
import { blockSums } from './blockstats';
import { atan2d, centiToDeci, cosSin, hyp, isqrt } from './fixmath';

export const ONE_G = 8192;
/** Decision period: one block of samples. */
export const BLOCK_MS = 400;

/** Samples per block at a rate: 5, 10, 20 for 12.5, 25, 50 Hz. */
export function blockSize(rateHz: number): number {
  return Math.round((rateHz * BLOCK_MS) / 1000);
}

export interface Estimator {
  /** One block of n samples; updates gravity, motion and the decision flags in out. */
  block(acc: Int16Array, gyr: Int16Array | null, n: number): void;
  /**
   * Fills OUT_FLEX, OUT_LAT, OUT_ACC_MOT, OUT_GYRO_MOT from the latest block; with flexOnly
   * set, OUT_FLEX alone (the minute record's flexion sample: about half the work).
   */
  angles(flexOnly?: number): void;
  /** Sets the upright reference from a mean gravity vector (Q13); zeros clear it. */
  setReference(rx: number, ry: number, rz: number): void;
  /**
   * Decision angles in whole degrees: slouch at, slouch ends below, lying beyond, and OUT_AWAY's
   * angle (the exercises' "left upright"; 0 turns that test off).
   */
  setDecisions(slouchDeg: number, releaseDeg: number, lyingDeg: number, awayDeg: number): void;
  reset(): void;
  out: Int32Array;
  /** The last block's sums: acc x, y, z, sum of squares, gyro x, y, z, sum of squares. */
  sums: Float64Array;
}

export const OUT_FLEX = 0; // forward flexion vs reference, 0.1 deg (+ forward, - leaning back); by angles()
export const OUT_LAT = 1; // lateral lean vs reference, 0.1 deg (+ to the wearer's right); by angles()
export const OUT_ACC_MOT = 2; // RMS dynamic acceleration over the block, mg; by angles()
export const OUT_GYRO_MOT = 3; // block mean rotation rate after bias removal, 0.1 deg/s; by angles()
export const OUT_FLAT = 4; // 1 when gravity is within 15 deg of the clip normal axis
export const OUT_GX = 5; // gravity estimate, Q13 g, clip frame
export const OUT_GY = 6;
export const OUT_GZ = 7;
export const OUT_HAS_REF = 8;
export const OUT_SAG0 = 9; // reference sagittal angle (0.1 deg)
export const OUT_SLOUCH = 10; // 1 when flexion >= the slouch angle
export const OUT_HOLD = 11; // 1 when flexion >= the release angle (threshold - hysteresis)
export const OUT_LYING = 12; // 1 when flexion or lateral lean is beyond the lying angle
export const OUT_ACC_VAR = 13; // mean square dynamic acceleration, Q13 counts^2 (capped at 2^31 - 1)
export const OUT_GYRO_VAR = 14; // squared block mean rotation rate after bias, gyro counts^2 (capped)
export const OUT_AWAY = 15; // 1 when extension or lateral lean is past the away angle (exercises)
export const OUT_AWAY_DEG = 16; // the away angle in force, whole degrees (0: off)
export const OUT_LEN = 17;

const CAP = 2147483647;

/** Dynamic acceleration under 20 mg RMS (squared, Q13 counts): the body is still. */
export const STILL_VAR = 26844;

export function createEstimator(gyroPerDps: number): Estimator {
  const out = new Int32Array(OUT_LEN);
  const st = new Float64Array(8);
  // cosSin's output in [0], [1]; then the away test's extension direction (Q14 cos, sin) and sin^2
  // of the away angle in [2..4]: kept here, not in variables, as they are used only while exercises are prescribed.
  const cs = new Int32Array(5);
  // Decision directions in the sagittal plane (Q14 cos, sin) and sin^2 of the lying angle.
  // Plain variables, not a typed array: on Espruino a variable read is cheaper than an index.
  let sc = 0, ss = 0, hc = 0, hs = 0, fc = 0, fs = 0, bc = 0, bs = 0, sinLy2 = 0;
  let slouchC = 1500, releaseC = 1000, lyingC = 6000; // 0.01 deg
  // Gravity: block means through g += (m - g) / 2, kept in Q21 for sub-count resolution.
  let fx = 0, fy = 0, fz = 0;
  let bx = 0, by = 0, bz = 0; // gyro bias, counts
  let primed = 0;
  // Reference: unit spine direction in the clip's xy-plane (Q14); the clip's rotation about
  // its normal cancels out here. d0: the reference sagittal direction (Q14).
  let ux = 16384, uy = 0, d0x = 16384, d0y = 0, sag0 = 0;

  function directions() {
    rot(slouchC);
    sc = cs[0];
    ss = cs[1];
    rot(releaseC);
    hc = cs[0];
    hs = cs[1];
    rot(-lyingC);
    bc = cs[0];
    bs = cs[1];
    rot(lyingC);
    fc = cs[0];
    fs = cs[1];
    cosSin(lyingC, cs);
    sinLy2 = (cs[1] * cs[1]) >> 14;
    const aw = out[OUT_AWAY_DEG] * 100;
    rot(-aw);
    cs[2] = cs[0];
    cs[3] = cs[1];
    cosSin(aw, cs);
    cs[4] = (cs[1] * cs[1]) >> 14;
  }

  /** cs = the reference sagittal direction rotated by a (0.01 deg), Q14. */
  function rot(a: number) {
    cosSin(a, cs);
    const c = cs[0], s = cs[1];
    cs[0] = (d0x * c - d0y * s) >> 14;
    cs[1] = (d0x * s + d0y * c) >> 14;
  }

  // Every token here is interpreted each block, taken or not (a skipped branch is still read),
  // so the path is written short: no temporaries for values read once, the gyro's arithmetic
  // inside its own test.
  function block(acc: Int16Array, gyr: Int16Array | null, n: number) {
    blockSums(acc, gyr, st);
    const sx = st[0], sy = st[1], sz = st[2];
    if (!primed) {
      fx = ((sx / n) | 0) << 8;
      fy = ((sy / n) | 0) << 8;
      fz = ((sz / n) | 0) << 8;
      bx = (st[4] / n) | 0;
      by = (st[5] / n) | 0;
      bz = (st[6] / n) | 0;
      primed = 1;
    }
    fx += ((((sx / n) | 0) << 8) - fx) >> 1;
    fy += ((((sy / n) | 0) << 8) - fy) >> 1;
    fz += ((((sz / n) | 0) << 8) - fz) >> 1;
    // Mean square of the dynamic acceleration, exact in doubles: (n sum a^2 - |sum a|^2) / n^2.
    const va = (n * st[3] - (sx * sx + sy * sy + sz * sz)) / (n * n);
    out[OUT_ACC_VAR] = va > CAP ? CAP : va | 0;
    // Rotation: the block's mean rate after the bias, squared. Sustained turns (standing up,
    // reaching) show here; oscillations such as walking show in the acceleration.
    // A block of zeros (or none) is a gyro switched off (the clip rests it while the wearer
    // sits still) or absent: no rotation seen, and the bias is kept for when it comes back.
    out[OUT_GYRO_VAR] = 0;
    if (st[4] !== 0 || st[5] !== 0 || st[6] !== 0) {
      const wx = (st[4] / n) | 0, wy = (st[5] / n) | 0, wz = (st[6] / n) | 0;
      const vg = (wx - bx) * (wx - bx) + (wy - by) * (wy - by) + (wz - bz) * (wz - bz);
      out[OUT_GYRO_VAR] = vg > CAP ? CAP : vg;
      // The bias follows the mean rate while the body is still (dynamic acceleration under
      // 20 mg RMS), tau ~3 s; judged without the gyro, so a wrong start value heals itself.
      if (va < STILL_VAR) {
        bx += (wx - bx) >> 3;
        by += (wy - by) >> 3;
        bz += (wz - bz) >> 3;
      }
    }
    decide();
  }

  // Sign tests: cross(d, v) = |v| sin(angle(v) - angle(d)) for v = (au, an) in the sagittal
  // plane. Exact for flexion within +-90 deg of the direction; lying takes precedence beyond.
  function decide() {
    const x = (out[OUT_GX] = fx >> 8), y = (out[OUT_GY] = fy >> 8), z = (out[OUT_GZ] = fz >> 8);
    const au = (x * ux + y * uy) >> 14;
    const al = (y * ux - x * uy) >> 14;
    out[OUT_SLOUCH] = +(z * sc - au * ss >= 0);
    out[OUT_HOLD] = +(z * hc - au * hs >= 0);
    const gg = x * x + y * y + z * z;
    out[OUT_LYING] = +(z * fc - au * fs > 0 || z * bc - au * bs < 0 || al * al * 16384 > sinLy2 * gg);
    // cos^2(15 deg) = 0.933 ~ 955/1024. Not wider: a hard slouch can put T4 70 deg from
    // vertical (subject 21 of the sitting-postures data).
    out[OUT_FLAT] = +(z * z * 1024 > 955 * gg);
    if (out[OUT_AWAY_DEG]) out[OUT_AWAY] = +(z * cs[2] - au * cs[3] < 0 || al * al * 16384 > cs[4] * gg);
  }

  function angles(flexOnly?: number) {
    const x = out[OUT_GX], y = out[OUT_GY], z = out[OUT_GZ];
    const au = (x * ux + y * uy) >> 14;
    const al = (y * ux - x * uy) >> 14;
    // hyp[0]: |(au, z)| from this call, which the lateral angle needs.
    let fl = atan2d(z, au) - sag0;
    if (fl > 18000) fl -= 36000;
    else if (fl < -18000) fl += 36000;
    out[OUT_FLEX] = centiToDeci(fl);
    if (flexOnly) return;
    // Lateral: gravity moving to +y (left) means leaning right.
    out[OUT_LAT] = centiToDeci(atan2d(al, hyp[0]));
    out[OUT_ACC_MOT] = (Math.sqrt(out[OUT_ACC_VAR]) * 1000 / ONE_G + 0.5) | 0;
    out[OUT_GYRO_MOT] = (Math.sqrt(out[OUT_GYRO_VAR]) * 10 / gyroPerDps + 0.5) | 0;
  }

  /** Calibrated upright as gravity in the clip frame (Q13); all zeros clears the reference. */
  function setReference(rx: number, ry: number, rz: number) {
    if (rx === 0 && ry === 0 && rz === 0) {
      ux = 16384;
      uy = 0;
      d0x = 16384;
      d0y = 0;
      sag0 = 0;
      out[OUT_HAS_REF] = 0;
      out[OUT_SAG0] = 0;
    } else {
      let m = isqrt(rx * rx + ry * ry);
      if (m < 1) m = 1;
      ux = ((rx << 14) / m) | 0;
      uy = ((ry << 14) / m) | 0;
      sag0 = atan2d(rz, m);
      const h = hyp[0] < 1 ? 1 : hyp[0];
      d0x = ((m << 14) / h) | 0;
      d0y = ((rz << 14) / h) | 0;
      out[OUT_HAS_REF] = 1;
      out[OUT_SAG0] = centiToDeci(sag0);
    }
    directions();
    decide();
  }

  function setDecisions(slouchDeg: number, releaseDeg: number, lyingDeg: number, awayDeg: number) {
    slouchC = slouchDeg * 100;
    releaseC = releaseDeg * 100;
    lyingC = lyingDeg * 100;
    out[OUT_AWAY_DEG] = awayDeg;
    out[OUT_AWAY] = 0;
    directions();
  }

  function reset() {
    primed = 0;
  }

  directions();
  return {
    block: block, angles: angles, setReference: setReference,
    setDecisions: setDecisions, reset: reset, out: out, sums: st,
  };
}
