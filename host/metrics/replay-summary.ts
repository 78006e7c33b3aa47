// Summaries of a replayed event stream, for `posture replay --compare`: time in each state,
// alerts per hour, time to the first alert, upright share of the worn, still time.
import { EV_ALERT, EV_CALIBRATED, EV_EX_REP, EV_EX_SET, EV_STATE, STATE_NAMES } from '../../shared/events';
import { ReplayEvent } from '../replay/replay';

export interface ReplaySummary {
  /** ms per state name, from the first state event to tEnd. */
  stateMs: Record<string, number>;
  alerts: number;
  alertsPerHour: number;
  /** s from calibration to the first alert; null when none. */
  firstAlertS: number | null;
  /** upright / (upright + slouch), %, or null when neither occurred. */
  uprightPct: number | null;
  hours: number;
  /** Exercise repetitions counted, and sets completed. */
  exerciseReps: number;
  exerciseSets: number;
}

export function summarise(events: ReplayEvent[], tEnd: number): ReplaySummary {
  const stateMs: Record<string, number> = Object.fromEntries(STATE_NAMES.map((n) => [n, 0]));
  let state = -1, since = 0, t0: number | null = null, calAt: number | null = null, alerts = 0, first: number | null = null;
  for (const e of events) {
    if (e.type === EV_STATE) {
      if (t0 === null) t0 = e.t;
      if (state >= 0) stateMs[STATE_NAMES[state]] += e.t - since;
      state = e.a;
      since = e.t;
    } else if (e.type === EV_CALIBRATED && calAt === null) calAt = e.t;
    else if (e.type === EV_ALERT) {
      alerts++;
      if (first === null) first = e.t;
    }
  }
  if (state >= 0 && tEnd > since) stateMs[STATE_NAMES[state]] += tEnd - since;
  const hours = t0 === null ? 0 : Math.max(0, tEnd - t0) / 3_600_000;
  const up = stateMs.upright, sl = stateMs.slouch;
  return {
    stateMs,
    alerts,
    exerciseReps: events.filter((e) => e.type === EV_EX_REP).length,
    exerciseSets: events.filter((e) => e.type === EV_EX_SET && e.b >> 4 === 1).length,
    alertsPerHour: hours > 0 ? alerts / hours : 0,
    firstAlertS: first === null ? null : (first - (calAt ?? t0 ?? 0)) / 1000,
    uprightPct: up + sl > 0 ? (100 * up) / (up + sl) : null,
    hours,
  };
}

/** "threshold_deg=10,15,20" ... -> every combination, as --set assignment lists. */
export function compareGrid(specs: string[]): string[][] {
  let grid: string[][] = [[]];
  for (const spec of specs) {
    const m = /^([a-z_][a-z0-9_]*)=(.+)$/.exec(spec.trim());
    if (!m) throw new Error(`--compare ${spec}: expected name=v1,v2,..., for example threshold_deg=10,15,20`);
    const values = m[2].split(',').map((v) => v.trim()).filter(Boolean);
    if (!values.length) throw new Error(`--compare ${spec}: no values`);
    grid = grid.flatMap((g) => values.map((v) => [...g, `${m[1]}=${v}`]));
  }
  return grid;
}
