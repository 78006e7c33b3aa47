// Runs the core over a recording held in typed arrays: the loop `posture replay` uses and
// the one the emitted device script runs, so both produce the same events in the same order.
import { Core } from './core';

/** Samples are 6 int16 values each (ax, ay, az in Q13 g; gx, gy, gz in gyro counts). */
export const SAMPLE_WIDTH = 6;

/**
 * Feeds n samples. t holds absolute times (ms). Calibration opens at the first sample at
 * or after calStart and lasts calMs; calMs <= 0 means no calibration.
 */
export function runRecording(core: Core, t: Float64Array, d: Int16Array, n: number, calStart: number, calMs: number): void {
  let pending = calMs > 0 ? 1 : 0;
  for (let i = 0, j = 0; i < n; i++, j += 6) {
    const ti = t[i];
    if (pending && ti >= calStart) {
      pending = 0;
      core.calibrate(ti, calMs);
    }
    core.step(ti, d[j], d[j + 1], d[j + 2], d[j + 3], d[j + 4], d[j + 5]);
  }
}
