// Host-side replay: the shared core over a parsed recording. Same loop as the emitted
// device script (shared/recording.ts), so the two print the same events.
import { Config } from '../../shared/config';
import { createCore } from '../../shared/core';
import { logChanges } from '../../shared/config';
import { createRecordingRunner } from '../../shared/recording';
import { Recording } from './samples-csv';
import { ScheduledAction } from './schedule';
import { applyAssignments } from '../cli/args';
import { EV_MODE, EV_SNOOZE, EV_TIME_SET } from '../../shared/events';

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

/**
 * Runs the core; the config's rate_hz should match the recording (see configForRecording).
 * Each scheduled change applies before the first block that ends after its time, at its
 * time, through the calls the clip makes (so it logs the same events).
 */
export function replay(rec: Recording, config: Config, cal: CalibrationWindow | null, schedule: ScheduledAction[] = []): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  const emit = (type: number, t: number, a: number, b: number) => void events.push({ type, t, a, b });
  let cur: Config = { ...config };
  const core = createCore(cur, rec.gyroPerDps, emit);
  const t0 = rec.n ? rec.t[0] : 0;
  core.setLocal(localOffsetMs(t0));
  let k = 0, blocks = 0;
  const due = (s: ScheduledAction, tEnd: number) => (s.block !== undefined ? blocks >= s.block : t0 + s.atMs < tEnd);
  const before = (tEnd: number) => {
    for (; k < schedule.length && due(schedule[k], tEnd); k++) {
      const at = t0 + schedule[k].atMs;
      const a = schedule[k].action;
      if (a.kind === 'config') {
        const was = cur;
        cur = applyAssignments(cur, a.set, '--at');
        if (logChanges(was, cur, at, emit)) core.configure(cur);
      } else if (a.kind === 'snooze') {
        // As the clip's snooze and setMode do (firmware/app.ts).
        const min = a.min ?? cur.snooze_min;
        core.det.snooze(at, min * 60000);
        emit(EV_SNOOZE, at, min, 0);
      } else if (a.kind === 'mode') {
        cur.mode = a.mode; // the core holds this object, as the clip's core holds its stored config
        core.det.configure(cur);
        emit(EV_MODE, at, a.mode, 0);
      } else if (a.kind === 'calibrate') core.calibrate(at, cur.calib_s * 1000);
      else emit(EV_TIME_SET, at + a.ms, Math.round(a.ms / 1000), 0); // the detector sees the jump itself
    }
    blocks++;
  };
  createRecordingRunner(core, cal ? cal.start : 0, cal ? cal.ms : 0, schedule.length ? before : undefined).feed(rec.t, rec.acc, rec.hasGyro ? rec.gyr : null, rec.n);
  if (k < schedule.length) before(Infinity); // changes after the last block still log
  return events;
}

/**
 * Local time minus the recording's clock, for exercise reminders at times of day: a recording
 * stamped by a set clock (ms since 1970, after 2001) is read in this computer's time zone, as
 * `posture clock --set` would have told the clip; time since power-on has none (NaN).
 */
export function localOffsetMs(t0: number): number {
  return t0 > 1e12 ? -new Date(t0).getTimezoneOffset() * 60000 : NaN;
}

/** Nearest supported rate, so the filter constants match the recording. */
export function nearestRate(hz: number): number {
  return hz < 18 ? 12.5 : hz < 37 ? 25 : 50;
}
