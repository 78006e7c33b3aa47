// Posture estimator, run once per block of samples (0.4 s: 5, 10 or 20 samples at 12.5, 25,
// 50 Hz, as the IMU FIFO delivers them). Espruino interprets source text at about 5,000
// instructions per statement, so nothing here runs per sample: the block sums come from
// blockstats (native on the device) and everything else is a few dozen integer statements.
//
// Inputs: accel in Q13 g (8192 counts = 1 g; MPU6050 and LSM6DS3TR both give this at +-4 g),
// interleaved x,y,z; gyro in raw counts with gyroPerDps counts per deg/s (131 MPU6050,
// 114 LSM6DS3TR at 250 dps), interleaved x,y,z; zeros when the IMU has no gyro.
import { xyzSums } from './blockstats';
import { atan2d, centiToDeci, hyp, isqrt } from './fixmath';

export const ONE_G = 8192;
/** Decision period: one block of samples. */
export const BLOCK_MS = 400;

/** Samples per block at a rate: 5, 10, 20 for 12.5, 25, 50 Hz. */
export function blockSize(rateHz: number): number {
  return Math.round((rateHz * BLOCK_MS) / 1000);
}

export interface Estimator {
  /** One block of n samples. Read the results from out. */
  block(acc: Int16Array, gyr: Int16Array, n: number): void;
  /** Sets the upright reference from a mean gravity vector (Q13). */
  setReference(rx: number, ry: number, rz: number): void;
  clearReference(): void;
  reset(): void;
  out: Int32Array;
  /** The last block's sums: acc x, y, z, sum of squares, gyro x, y, z, sum of squares. */
  sums: Float64Array;
}

export const OUT_FLEX = 0; // forward flexion vs reference, 0.1 deg (+ forward, - leaning back)
export const OUT_LAT = 1; // lateral lean vs reference, 0.1 deg (+ to the wearer's right)
export const OUT_ACC_MOT = 2; // RMS of the dynamic acceleration over the block, mg
export const OUT_GYRO_MOT = 3; // RMS rotation rate over the block after bias removal, 0.1 deg/s
export const OUT_FLAT = 4; // 1 when gravity is within 15 deg of the clip normal axis
export const OUT_GX = 5; // gravity estimate, Q13 g, clip frame
export const OUT_GY = 6;
export const OUT_GZ = 7;
export const OUT_HAS_REF = 8;
export const OUT_SAG0 = 9; // reference sagittal angle (0.1 deg)
export const OUT_LEN = 10;

export function createEstimator(gyroPerDps: number): Estimator {
  const out = new Int32Array(OUT_LEN);
  const st = new Float64Array(8);
  // Gravity: block means through g += (m - g) / 2, kept in Q21 for sub-count resolution.
  let fx = 0, fy = 0, fz = 0;
  let bx = 0, by = 0, bz = 0; // gyro bias, counts
  let primed = 0;
  // Reference: unit spine direction in the clip's xy-plane (Q14) and the reference sagittal
  // angle (0.01 deg). The clip's rotation about its normal cancels out here.
  let ux = 16384, uy = 0, sag0 = 0;
  const mgPerCount = 1000 / ONE_G;
  const ddpsPerCount = 10 / gyroPerDps;

  function angles(x: number, y: number, z: number) {
    // Body frame: u along the spine (projected), l to the wearer's left, n = clip z.
    const au = (x * ux + y * uy) >> 14;
    const al = (y * ux - x * uy) >> 14;
    const sag = atan2d(z, au);
    const lat = atan2d(al, hyp[0]);
    let fl = sag - sag0;
    if (fl > 18000) fl -= 36000;
    else if (fl < -18000) fl += 36000;
    // Lateral: gravity moving to +y (left) means leaning right.
    out[OUT_FLEX] = centiToDeci(fl);
    out[OUT_LAT] = centiToDeci(lat);
    const an = z < 0 ? -z : z;
    // cos(15 deg) = 0.966 ~ 989/1024, against |g| = hyp of the last atan2d. Not wider: a hard
    // slouch can put T4 70 deg from vertical (subject 21 of the sitting-postures data).
    out[OUT_FLAT] = an * 1024 > hyp[0] * 989 ? 1 : 0;
  }

  function block(acc: Int16Array, gyr: Int16Array, n: number) {
    xyzSums(acc, st, 0);
    xyzSums(gyr, st, 4);
    const sx = st[0], sy = st[1], sz = st[2];
    const mx = (sx / n) | 0, my = (sy / n) | 0, mz = (sz / n) | 0;
    const gx = (st[4] / n) | 0, gy = (st[5] / n) | 0, gz = (st[6] / n) | 0;
    if (!primed) {
      fx = mx << 8;
      fy = my << 8;
      fz = mz << 8;
      bx = gx;
      by = gy;
      bz = gz;
      primed = 1;
    }
    fx += ((mx << 8) - fx) >> 1;
    fy += ((my << 8) - fy) >> 1;
    fz += ((mz << 8) - fz) >> 1;
    // Mean square of the dynamic part: (n * sum a^2 - |sum a|^2) / n^2, exact in doubles.
    const va = (n * st[3] - (sx * sx + sy * sy + sz * sz)) / (n * n);
    // Mean square rotation after the bias: sum |w - b|^2 / n.
    const vg = (st[7] - 2 * (bx * st[4] + by * st[5] + bz * st[6]) + n * (bx * bx + by * by + bz * bz)) / n;
    out[OUT_ACC_MOT] = (Math.sqrt(va) * mgPerCount + 0.5) | 0;
    out[OUT_GYRO_MOT] = (Math.sqrt(vg) * ddpsPerCount + 0.5) | 0;
    // The bias follows the mean rate while the rate is steady within the block (spread under
    // ~3 deg/s RMS), tau ~3 s; judged without the bias, so a wrong start value heals itself.
    const vw = (n * st[7] - (st[4] * st[4] + st[5] * st[5] + st[6] * st[6])) / (n * n);
    if (vw < 9 * gyroPerDps * gyroPerDps) {
      bx += (gx - bx) >> 3;
      by += (gy - by) >> 3;
      bz += (gz - bz) >> 3;
    }
    const x = fx >> 8, y = fy >> 8, z = fz >> 8;
    out[OUT_GX] = x;
    out[OUT_GY] = y;
    out[OUT_GZ] = z;
    angles(x, y, z);
  }

  function setReference(rx: number, ry: number, rz: number) {
    let m = isqrt(rx * rx + ry * ry);
    if (m < 1) m = 1;
    ux = ((rx << 14) / m) | 0;
    uy = ((ry << 14) / m) | 0;
    sag0 = atan2d(rz, m);
    out[OUT_HAS_REF] = 1;
    out[OUT_SAG0] = centiToDeci(sag0);
    angles(out[OUT_GX], out[OUT_GY], out[OUT_GZ]);
  }

  function clearReference() {
    ux = 16384;
    uy = 0;
    sag0 = 0;
    out[OUT_HAS_REF] = 0;
    out[OUT_SAG0] = 0;
    angles(out[OUT_GX], out[OUT_GY], out[OUT_GZ]);
  }

  function reset() {
    primed = 0;
  }

  return { block: block, setReference: setReference, clearReference: clearReference, reset: reset, out: out, sums: st };
}
