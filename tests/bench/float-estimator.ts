// The estimator's floating-point twin for the benchmark: the same block sums, filter,
// motion and decisions, but in doubles with Math.sqrt/Math.atan2 computing the angles that
// the fixed-point version replaces by sign tests. Bundled for Espruino like the core.
import { blockSums } from '../../shared/blockstats';

export function createFloatEstimator() {
  const out = new Float64Array(10);
  const st = new Float64Array(8);
  let fx = 0, fy = 0, fz = 0, bx = 0, by = 0, bz = 0, primed = 0;
  let ux = 1, uy = 0, sag0 = 0;
  const k = 180 / Math.PI;
  const slouch = 15, release = 10, lying = 60;
  return {
    setReference(rx: number, ry: number, rz: number) {
      const m = Math.sqrt(rx * rx + ry * ry);
      ux = rx / m;
      uy = ry / m;
      sag0 = Math.atan2(rz, m);
    },
    block(acc: Int16Array, gyr: Int16Array, n: number) {
      blockSums(acc, gyr, st);
      const sx = st[0], sy = st[1], sz = st[2], wx = st[4] / n, wy = st[5] / n, wz = st[6] / n;
      const mx = sx / n, my = sy / n, mz = sz / n;
      if (!primed) {
        fx = mx;
        fy = my;
        fz = mz;
        bx = wx;
        by = wy;
        bz = wz;
        primed = 1;
      }
      fx += (mx - fx) / 2;
      fy += (my - fy) / 2;
      fz += (mz - fz) / 2;
      const va = (n * st[3] - (sx * sx + sy * sy + sz * sz)) / (n * n);
      out[5] = va;
      out[6] = (wx - bx) * (wx - bx) + (wy - by) * (wy - by) + (wz - bz) * (wz - bz);
      if (va < 26844) {
        bx += (wx - bx) / 8;
        by += (wy - by) / 8;
        bz += (wz - bz) / 8;
      }
      const au = fx * ux + fy * uy, al = fy * ux - fx * uy;
      const flex = (Math.atan2(fz, au) - sag0) * k;
      const lat = Math.atan2(al, Math.sqrt(au * au + fz * fz)) * k;
      out[0] = flex;
      out[1] = lat;
      out[2] = flex >= slouch ? 1 : 0;
      out[3] = flex >= release ? 1 : 0;
      out[4] = flex > lying || flex < -lying || lat > lying || lat < -lying ? 1 : 0;
      out[7] = fz * fz > 0.933 * (fx * fx + fy * fy + fz * fz) ? 1 : 0;
    },
    out,
  };
}
