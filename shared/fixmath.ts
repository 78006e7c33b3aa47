// Integer-only trigonometry for the per-sample path. Espruino interprets source text and
// has a 32-bit integer fast path, so every function here keeps intermediate values below 2^31
// and avoids Math.* (float sqrt/atan2 measured ~2x the instructions of this table method).
//
// Tables are literals, not computed at start-up, so Node and Espruino see the very same
// integers (a Math.atan that differs in the last ulp would otherwise round differently).
// tests/fixmath.test.ts regenerates them from Math.atan/Math.sqrt and compares.

/** atan(i/32) in 0.01 degree, i = 0..32 (33 entries). */
export const ATAN_TABLE = new Int16Array([0, 179, 358, 536, 713, 888, 1062, 1234, 1404, 1571, 1735, 1897, 2056, 2211, 2363, 2511, 2657, 2798, 2936, 3070, 3201, 3327, 3451, 3571, 3687, 3800, 3909, 4016, 4119, 4218, 4315, 4409, 4500]);

/** sqrt(1 + (i/32)^2) in Q14, i = 0..32: hypot(max, min) = max * SEC_TABLE[min/max]. */
export const SEC_TABLE = new Int16Array([16384, 16392, 16416, 16456, 16512, 16583, 16670, 16771, 16888, 17020, 17165, 17325, 17498, 17684, 17883, 18095, 18318, 18552, 18798, 19054, 19321, 19597, 19882, 20177, 20480, 20791, 21110, 21437, 21771, 22111, 22458, 22811, 23170]);

/**
 * Scratch output of atan2d: the hypotenuse of the last call, in the inputs' units.
 * A module-level slot instead of a returned pair keeps the hot path allocation-free.
 */
export const hyp = new Int32Array(1);

/**
 * atan2(y, x) in 0.01 degree (-18000..18000) for |x|,|y| < 2^15; also stores hypot(x, y)
 * in hyp[0]. One integer division, two table lookups with linear interpolation: error
 * below 0.02 degree and 0.02 % of the magnitude.
 */
export function atan2d(y: number, x: number): number {
  const ax = x < 0 ? -x : x;
  const ay = y < 0 ? -y : y;
  let mx = ax;
  let mn = ay;
  if (ay > ax) {
    mx = ay;
    mn = ax;
  }
  if (mx === 0) {
    hyp[0] = 0;
    return 0;
  }
  // Ratio in Q12: index in 1/32 steps, 7 bits of fraction for the interpolation.
  const z = ((mn << 12) + (mx >> 1)) / mx | 0;
  const i = z >> 7;
  const f = z & 127;
  let a = ATAN_TABLE[i];
  let s = SEC_TABLE[i];
  if (f) {
    a += ((ATAN_TABLE[i + 1] - a) * f + 64) >> 7;
    s += ((SEC_TABLE[i + 1] - s) * f + 64) >> 7;
  }
  hyp[0] = (mx * s + 8192) >> 14;
  if (ay > ax) a = 9000 - a;
  if (x < 0) a = 18000 - a;
  return y < 0 ? -a : a;
}

/** Integer square root (floor) of 0 <= v < 2^31; used at calibration time only. */
export function isqrt(v: number): number {
  if (v <= 0) return 0;
  let r = 0;
  let bit = 1 << 30;
  while (bit > v) bit >>= 2;
  while (bit) {
    if (v >= r + bit) {
      v -= r + bit;
      r = (r >> 1) + bit;
    } else r >>= 1;
    bit >>= 2;
  }
  return r;
}

/** Rounds a value in 0.01 degree to 0.1 degree, half away from zero. */
export function centiToDeci(a: number): number {
  return a < 0 ? -(((5 - a) / 10) | 0) : ((a + 5) / 10) | 0;
}

/**
 * cos and sin of an angle (0.01 deg, |a| <= 9000) in Q14, into out[0], out[1]. Integer
 * only, so Node and Espruino agree: tan(a/2) comes from inverting atan2d by bisection, then
 * the half-angle formulas. Calibration and config time only (about 13 atan2d calls).
 */
export function cosSin(a: number, out: Int32Array): void {
  const half = (a < 0 ? -a : a) / 2;
  let lo = 0, hi = 4096;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (atan2d(mid, 4096) <= half) lo = mid;
    else hi = mid;
  }
  // Pick the nearer of lo and hi.
  const z = half - atan2d(lo, 4096) <= atan2d(hi, 4096) - half ? lo : hi;
  const den = 16777216 + z * z; // 4096^2 + z^2
  out[0] = ((16777216 - z * z) * 16384 / den + 0.5) | 0;
  const s = ((2 * z * 4096 * 16384) / den + 0.5) | 0;
  out[1] = a < 0 ? -s : s;
}

export function sq(v: number): number {
  return v * v;
}
