import { Core } from '../../shared/core';

/**
 * Collects single samples into blocks of core.n, as the firmware's FIFO reader does. gate: as
 * the clip does, rest the gyro when the core says it may: its blocks then have no gyro and
 * twice the samples (firmware/app.ts).
 */
export function createFeeder(core: Core, gate = false) {
  const acc = new Int16Array(core.n * 6);
  const gyr = new Int16Array(core.n * 6);
  const accN = acc.subarray(0, core.n * 3), gyrN = gyr.subarray(0, core.n * 3);
  let k = 0;
  return {
    /** Returns true when the sample completed a block (est.out is then fresh). */
    push(t: number, ax: number, ay: number, az: number, gx = 0, gy = 0, gz = 0): boolean {
      acc[3 * k] = ax;
      acc[3 * k + 1] = ay;
      acc[3 * k + 2] = az;
      const on = !gate || core.gyro;
      gyr[3 * k] = on ? gx : 0;
      gyr[3 * k + 1] = on ? gy : 0;
      gyr[3 * k + 2] = on ? gz : 0;
      if (++k < (on ? core.n : 2 * core.n)) return false;
      k = 0;
      if (on) core.block(t, accN, gyrN, core.n);
      else core.block(t, acc, null, 2 * core.n);
      return true;
    },
  };
}
