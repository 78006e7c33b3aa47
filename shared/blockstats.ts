// Per-block sums over interleaved x,y,z int16 samples. On Espruino they run in C through
// E.convolve (one native call instead of ~9 interpreted statements per sample); elsewhere a
// plain loop. Both give exact integers (sums of int16 products stay far below 2^53), so the
// device and the host agree bit for bit.

declare const E: { convolve(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): number } | undefined;

const MASK = new Int8Array([1, 0, 0]);
// A device bundle is built with __ESPRUINO__ true, which drops the plain loop from it.
declare const __ESPRUINO__: boolean | undefined;
const NATIVE = typeof __ESPRUINO__ !== 'undefined' || (typeof E !== 'undefined' && typeof E.convolve === 'function');

/**
 * out[o..o+2] = sum x, sum y, sum z over v (length 3n); with squares, out[o+3] = sum of
 * x^2 + y^2 + z^2 as well.
 */
export function xyzSums(v: Int16Array, out: Float64Array, o: number, squares: boolean): void {
  if (NATIVE) {
    const e = E!;
    // convolve(v, m, k) = sum v[i] * m[(i + k) % 3]: k = 0 picks x, 2 picks y, 1 picks z.
    out[o] = e.convolve(v, MASK, 0);
    out[o + 1] = e.convolve(v, MASK, 2);
    out[o + 2] = e.convolve(v, MASK, 1);
    if (squares) out[o + 3] = e.convolve(v, v, 0);
    return;
  }
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
