// Host-side replay: the shared core over a parsed recording. Same loop as the emitted
// device script (shared/recording.ts), so the two print the same events.
import { Config } from '../../shared/config';
import { createCore } from '../../shared/core';
import { createRecordingRunner } from '../../shared/recording';
import { Recording } from './samples-csv';

export interface ReplayEvent {
  type: number;
  t: number;
  a: number;
  b: number;
}

export interface CalibrationWindow {
  start: number;
  ms: number;
}

export const DEFAULT_CALIBRATION_MS = 5000;

export function defaultCalibration(rec: Recording): CalibrationWindow {
  return { start: rec.t[0], ms: DEFAULT_CALIBRATION_MS };
}

/** Runs the core; the config's rate_hz should match the recording (see configForRecording). */
export function replay(rec: Recording, config: Config, cal: CalibrationWindow): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  const core = createCore(config, rec.gyroPerDps, (type, t, a, b) => {
    events.push({ type, t, a, b });
  });
  createRecordingRunner(core, cal.start, cal.ms).feed(rec.t, rec.acc, rec.gyr, rec.n);
  return events;
}

/** Nearest supported rate, so the filter constants match the recording. */
export function nearestRate(hz: number): number {
  return hz < 18 ? 12.5 : hz < 37 ? 25 : 50;
}
