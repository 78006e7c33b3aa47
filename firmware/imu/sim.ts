// Simulated IMU for the Linux profile: a wearer sitting with a gentle sway who slouches
// for 40 s every 2 minutes. Samples appear in a "FIFO" at the configured rate as the clock
// advances, so the app runs unchanged on Espruino's Linux build.
import { Imu } from './types';

export function createSimImu(now: () => number): Imu {
  let rate = 25, last = 0, t0 = -1;
  return {
    name: 'simulated',
    gyroPerDps: 131,
    left: 0,
    configure: function (rateHz) {
      rate = rateHz;
      last = now();
      if (t0 < 0) t0 = last;
    },
    read: function (acc, gyr, k, max) {
      const t = now();
      // The host set the clock (a jump of days) or the app stalled: a real FIFO would have
      // overflowed, so start afresh rather than make up every sample of the gap.
      // The wearer's motion goes on where it was.
      if (t < last || t - last > 2000) {
        t0 += t - last;
        last = t;
      }
      let n = Math.floor(((t - last) * rate) / 1000);
      if (n > max) n = max;
      for (let i = 0, j = k * 3; i < n; i++, j += 3) {
        const ts = (last + (i * 1000) / rate - t0) / 1000;
        const phase = ts % 120;
        const slouch = phase > 60 && phase < 100 ? 25 : 0;
        const s = ((30 + slouch + 2 * Math.sin(ts * 0.6)) * Math.PI) / 180;
        acc[j] = Math.round(8192 * Math.cos(s));
        acc[j + 1] = Math.round(60 * Math.sin(ts * 1.3));
        acc[j + 2] = Math.round(8192 * Math.sin(s));
        gyr[j] = 180;
        gyr[j + 1] = 150 + Math.round(20 * Math.sin(ts));
        gyr[j + 2] = 160;
      }
      last += (n * 1000) / rate;
      return n;
    },
    // The simulated wearer never takes the clip off; its gyro always reads.
    gyro: function () {},
    rest: function () {},
    peek: function (acc) {
      acc[0] = 8192;
      acc[1] = acc[2] = 0;
    },
    close: function () {},
  };
}
