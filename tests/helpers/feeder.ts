import { Core, REST_BLOCKS } from '../../shared/core';

/**
 * Collects single samples into blocks of core.n, as the firmware's FIFO reader does. gate: as
 * the clip does, rest the gyro when the core says it may: its blocks then have no gyro and
 * REST_BLOCKS times the samples (firmware/app.ts).
 */
export function createFeeder(core: Core, gate = false) {
  const acc = new Int16Array(core.n * 3 * REST_BLOCKS);
  const gyr = new Int16Array(core.n * 3);
  const accN = acc.subarray(0, core.n * 3);
  let k = 0;
  return {
    /** Returns true when the sample completed a block (est.out is then fresh). */
    push(t: number, ax: number, ay: number, az: number, gx = 0, gy = 0, gz = 0): boolean {
      acc[3 * k] = ax;
      acc[3 * k + 1] = ay;
      acc[3 * k + 2] = az;
      const on = !gate || core.gyro;
      if (on) {
        gyr[3 * k] = gx;
        gyr[3 * k + 1] = gy;
        gyr[3 * k + 2] = gz;
      }
      if (++k < (on ? core.n : REST_BLOCKS * core.n)) return false;
      k = 0;
      if (on) core.block(t, accN, gyr, core.n);
      else core.block(t, acc, null, REST_BLOCKS * core.n);
      return true;
    },
  };
}
