// Per-block sums over interleaved x,y,z int16 samples. On Espruino they run in C through
// E.convolve (one native call instead of ~9 interpreted statements per sample); elsewhere a
// plain loop. Both give exact integers, so the device and the host agree bit for bit.
//
// On the interpreter a native call costs ~22,000 instructions whatever it does, so all seven
// sums of a block come from one function with E.convolve in a local (two calls through a
// module constant cost ~100,000 more a block). Packing two axes into one call (a float mask
// 1, 2^21) was tried: the statements that split the result cost more than the call saved.

declare const E: { convolve(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): number } | undefined;

// A device bundle is built with __ESPRUINO__ true, which drops the plain loop from it.
declare const __ESPRUINO__: boolean | undefined;
const NATIVE = typeof __ESPRUINO__ !== 'undefined' || (typeof E !== 'undefined' && typeof E.convolve === 'function');
// convolve(v, m, k) = sum v[i] * m[(i + k) % 3]: k = 0 picks x, 2 picks y, 1 picks z.
const X = new Int8Array([1, 0, 0]);

/**
 * out[0..2] = sum x, y, z of acc, out[3] = its sum of x^2 + y^2 + z^2; out[4..6] = sum x, y, z
 * of gyr, or zeros when gyr is null (a gyro switched off); out[7] unused.
 */
export function blockSums(acc: Int16Array, gyr: Int16Array | null, out: Float64Array): void {
  if (NATIVE) {
    // Called through a local: E.convolve looked up once, not seven times.
    const c = E!.convolve;
    out[0] = c(acc, X, 0);
    out[1] = c(acc, X, 2);
    out[2] = c(acc, X, 1);
    out[3] = c(acc, acc, 0);
    if (gyr) {
      out[4] = c(gyr, X, 0);
      out[5] = c(gyr, X, 2);
      out[6] = c(gyr, X, 1);
    } else out[4] = out[5] = out[6] = 0;
    return;
  }
  loopSums(acc, out, 0, true);
  if (gyr) loopSums(gyr, out, 4, false);
  else out[4] = out[5] = out[6] = 0;
}

function loopSums(v: Int16Array, out: Float64Array, o: number, squares: boolean): void {
  let sx = 0, sy = 0, sz = 0, q = 0;
  for (let i = 0; i < v.length; i += 3) {
    const x = v[i], y = v[i + 1], z = v[i + 2];
    sx += x;
    sy += y;
    sz += z;
    q += x * x + y * y + z * z;
  }
  out[o] = sx;
  out[o + 1] = sy;
  out[o + 2] = sz;
  if (squares) out[o + 3] = q;
}
