// Posture estimator: gravity by a fixed-point low-pass, motion from what is left over,
// angles relative to the calibrated upright. Inputs are integers:
//   accel in Q13 g (8192 counts = 1 g; MPU6050 and LSM6DS3TR both give this at +-4 g),
//   gyro in raw counts with gyroPerDps counts per deg/s (131 MPU6050, 114 LSM6DS3TR at 250 dps).
// Every value kept between samples is an int32; nothing allocates after creation.
import { atan2d, centiToDeci, hyp, isqrt } from './fixmath';

export const ONE_G = 8192;

/**
 * Low-pass shift for a sample rate. The filter g += (a - g) / 2^k has time constant
 * tau = 2^k / fs: 0.64 s at every supported rate (k = 3, 4, 5 for 12.5, 25, 50 Hz),
 * a -3 dB cut-off of 1 / (2 pi tau) = 0.25 Hz, 95 % settled after 3 tau = 1.9 s.
 */
export function lpfShift(rateHz: number): number {
  return rateHz < 18 ? 3 : rateHz < 37 ? 4 : 5;
}

export interface Estimator {
  /** Feed one sample. Returns nothing; read the fields below. */
  step(ax: number, ay: number, az: number, gx: number, gy: number, gz: number): void;
  /** Sets the upright reference from a mean gravity vector (Q13). */
  setReference(rx: number, ry: number, rz: number): void;
  clearReference(): void;
  reset(): void;
  /** Current outputs, as int32 in a typed array: see the OUT_* indices. */
  out: Int32Array;
}

export const OUT_FLEX = 0; // forward flexion vs reference, 0.1 deg (+ forward, - leaning back)
export const OUT_LAT = 1; // lateral lean vs reference, 0.1 deg (+ to the wearer's right)
export const OUT_ACC_MOT = 2; // dynamic acceleration, sum of |a - g| over axes, smoothed, in mg
export const OUT_GYRO_MOT = 3; // rotation rate, sum of |w - bias| over axes, smoothed, in 0.1 deg/s
export const OUT_FLAT = 4; // 1 when gravity is within 15 deg of the clip normal axis
export const OUT_GX = 5; // gravity estimate, Q13 g, clip frame
export const OUT_GY = 6;
export const OUT_GZ = 7;
export const OUT_HAS_REF = 8;
export const OUT_SAG0 = 9; // reference sagittal angle (0.1 deg)
export const OUT_LEN = 10;

export function createEstimator(rateHz: number, gyroPerDps: number): Estimator {
  const k = lpfShift(rateHz);
  // Motion envelope: half the gravity filter's time constant, so a step is seen within 0.3 s.
  const km = k - 1;
  // Gyro bias tracker: 16x slower than gravity (about 10 s).
  const kb = k + 4;
  const out = new Int32Array(OUT_LEN);
  // Q21 filter states (Q13 << 8) so the low-pass keeps sub-count resolution.
  let fx = 0, fy = 0, fz = 0;
  let bx = 0, by = 0, bz = 0; // gyro bias, counts << 8
  let ma = 0, mg = 0; // motion envelopes << 4
  let primed = 0;
  // Reference: unit vector of the spine axis in the clip's xy-plane (Q14) and the
  // reference sagittal angle (0.01 deg). The clip's rotation about z cancels out here.
  let ux = 16384, uy = 0, sag0 = 0;
  // mg per Q13 count is 1000/8192; 0.1 dps per gyro count is 10/gyroPerDps. Both as Q12 factors.
  const accToMg = 500; // (1000 / 8192) * 4096
  const gyroToD = ((40960 / gyroPerDps) + 0.5) | 0;

  function reset() {
    primed = 0;
    ma = mg = 0;
    bx = by = bz = 0;
  }

  // Angles from a gravity vector; also run by setReference so the sample that completes a
  // calibration is already judged against the new reference.
  function angles(x: number, y: number, z: number) {
    // Body frame: u along the spine (projected), l to the wearer's left, n = clip z.
    const au = (x * ux + y * uy) >> 14;
    const al = (y * ux - x * uy) >> 14;
    const sag = atan2d(z, au);
    const lat = atan2d(al, hyp[0]);
    let fl = sag - sag0;
    if (fl > 18000) fl -= 36000;
    else if (fl < -18000) fl += 36000;
    // Rounded to 0.1 deg (centiToDeci inlined: a call costs ~5k instructions on Espruino).
    // Lateral: gravity moving to +y (left) means leaning right.
    out[OUT_FLEX] = fl < 0 ? -(((5 - fl) / 10) | 0) : ((fl + 5) / 10) | 0;
    out[OUT_LAT] = lat < 0 ? -(((5 - lat) / 10) | 0) : ((lat + 5) / 10) | 0;
    const an = z < 0 ? -z : z;
    // cos(15 deg) = 0.966 ~ 989/1024, against |g| = hyp of the last atan2d. Not wider: a hard
    // slouch can put T4 70 deg from vertical (subject 21 of the sitting-postures data).
    out[OUT_FLAT] = an * 1024 > hyp[0] * 989 ? 1 : 0;
  }

  function step(ax: number, ay: number, az: number, gx: number, gy: number, gz: number) {
    if (!primed) {
      fx = ax << 8;
      fy = ay << 8;
      fz = az << 8;
      bx = gx << 8;
      by = gy << 8;
      bz = gz << 8;
      primed = 1;
    }
    fx += ((ax << 8) - fx) >> k;
    fy += ((ay << 8) - fy) >> k;
    fz += ((az << 8) - fz) >> k;
    const x = fx >> 8, y = fy >> 8, z = fz >> 8;
    let d = ax - x;
    let s = d < 0 ? -d : d;
    d = ay - y;
    s += d < 0 ? -d : d;
    d = az - z;
    s += d < 0 ? -d : d;
    ma += ((s << 4) - ma) >> km;
    bx += ((gx << 8) - bx) >> kb;
    by += ((gy << 8) - by) >> kb;
    bz += ((gz << 8) - bz) >> kb;
    d = gx - (bx >> 8);
    s = d < 0 ? -d : d;
    d = gy - (by >> 8);
    s += d < 0 ? -d : d;
    d = gz - (bz >> 8);
    s += d < 0 ? -d : d;
    mg += ((s << 4) - mg) >> km;
    out[OUT_ACC_MOT] = ((ma >> 4) * accToMg) >> 12;
    out[OUT_GYRO_MOT] = ((mg >> 4) * gyroToD) >> 12;
    angles(x, y, z);
    out[OUT_GX] = x;
    out[OUT_GY] = y;
    out[OUT_GZ] = z;
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

  return { step: step, setReference: setReference, clearReference: clearReference, reset: reset, out: out };
}
