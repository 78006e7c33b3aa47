// The estimator's floating-point twin for the benchmark: the same block sums and filter,
// but doubles with Math.sqrt/Math.atan2 for the angles. Bundled for Espruino like the core.
import { xyzSums } from '../../shared/blockstats';

export function createFloatEstimator() {
  const out = new Float64Array(4);
  const st = new Float64Array(8);
  let fx = 0, fy = 0, fz = 0, primed = 0;
  let ux = 1, uy = 0, sag0 = 0;
  const k = 180 / Math.PI;
  return {
    setReference(rx: number, ry: number, rz: number) {
      const m = Math.sqrt(rx * rx + ry * ry);
      ux = rx / m;
      uy = ry / m;
      sag0 = Math.atan2(rz, m);
    },
    block(acc: Int16Array, gyr: Int16Array, n: number) {
      xyzSums(acc, st, 0);
      xyzSums(gyr, st, 4);
      const mx = st[0] / n, my = st[1] / n, mz = st[2] / n;
      if (!primed) {
        fx = mx;
        fy = my;
        fz = mz;
        primed = 1;
      }
      fx += (mx - fx) / 2;
      fy += (my - fy) / 2;
      fz += (mz - fz) / 2;
      const va = (n * st[3] - (st[0] * st[0] + st[1] * st[1] + st[2] * st[2])) / (n * n);
      out[2] = Math.sqrt(va);
      const au = fx * ux + fy * uy, al = fy * ux - fx * uy;
      out[0] = (Math.atan2(fz, au) - sag0) * k;
      out[1] = Math.atan2(al, Math.sqrt(au * au + fz * fz)) * k;
      out[3] = Math.abs(fz) > 0.966 * Math.sqrt(au * au + al * al + fz * fz) ? 1 : 0;
    },
    out,
  };
}
