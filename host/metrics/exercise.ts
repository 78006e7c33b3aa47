// Exercise adherence, day by day, from the pulled log's exercise events: sets done against the
// prescribed number, repetitions, and the angle and hold reached against the targets. The
// report's therapist view and the wearer's sentence read this; days are local to utcOffsetMin.
import { Config } from '../../shared/config';
import { EV_CONFIG, EV_EX_REMINDER, EV_EX_REP, EV_EX_SET, EX_EXTENSION } from '../../shared/events';
import { decodeConfigEvent } from '../log/config-event';
import { EventRecord } from '../log/records';
import { localParts } from './archive-metrics';

export interface ExerciseDay {
  day: string;
  reminders: number;
  /** Completed sets, and the day's prescribed sets, of each exercise (prescribed 0: not prescribed that day). */
  extension: ExerciseFigures;
  sideBend: ExerciseFigures;
}

export interface ExerciseFigures {
  setsDone: number;
  setsAbandoned: number;
  setsPrescribed: number;
  reps: number;
  /** Mean peak angle and hold of the day's repetitions, and the targets in force. */
  peakDegMean: number | null;
  holdSMean: number | null;
  targetDeg: number;
  holdTargetS: number;
}

export interface ExerciseSummary {
  /** Whether the programme was prescribed at any time in the log (or is in the current prescription). */
  prescribed: boolean;
  days: ExerciseDay[];
  setsDone: number;
  setsPrescribed: number;
  reps: number;
}

const FIELDS = ['ex_extension_deg', 'ex_side_deg', 'ex_hold_s', 'ex_sets'];

/**
 * config: the prescription in force at the end of the log. Changes the log records are replayed
 * backwards from it, so each day is judged by the targets in force that day (at its end).
 */
export function exerciseSummary(events: EventRecord[], config: Config, utcOffsetMin = 0, wornDays: { day: string; endT: number }[] = []): ExerciseSummary {
  // The prescription day by day: start from the end and undo the logged changes.
  const changes = events.filter((e) => e.type === EV_CONFIG && e.clockSet).map((e) => ({ t: e.t, c: decodeConfigEvent(e.a, e.b) }))
    .filter((x) => x.c.def && FIELDS.includes(x.c.def.name));
  const at = (t: number): Config => {
    const c = { ...config };
    for (let i = changes.length - 1; i >= 0 && changes[i].t > t; i--) {
      const x = changes[i];
      if (x.c.old !== null) c[x.c.def!.name] = x.c.old;
    }
    return c;
  };
  const days = new Map<string, ExerciseDay & { sums: number[]; endT: number }>();
  const fig = (): ExerciseFigures => ({ setsDone: 0, setsAbandoned: 0, setsPrescribed: 0, reps: 0, peakDegMean: null, holdSMean: null, targetDeg: 0, holdTargetS: 0 });
  const dayOf = (t: number) => {
    const key = localParts(t, utcOffsetMin).day;
    let d = days.get(key);
    if (!d) days.set(key, (d = { day: key, reminders: 0, extension: fig(), sideBend: fig(), sums: [0, 0, 0, 0], endT: t }));
    d.endT = t;
    return d;
  };
  let prescribed = config.ex_extension_deg > 0 || config.ex_side_deg > 0;
  // Worn days without an exercise event count too: nothing done is a figure.
  for (const w of wornDays) dayOf(w.endT);
  for (const e of events) {
    if (!e.clockSet || (e.type !== EV_EX_REMINDER && e.type !== EV_EX_REP && e.type !== EV_EX_SET)) continue;
    prescribed = true;
    const d = dayOf(e.t);
    if (e.type === EV_EX_REMINDER) d.reminders++;
    else if (e.type === EV_EX_REP) {
      const ext = (e.b & 15) === EX_EXTENSION;
      const f = ext ? d.extension : d.sideBend;
      f.reps++;
      const k = ext ? 0 : 2;
      d.sums[k] += e.a / 10;
      d.sums[k + 1] += (e.b >> 4) / 10;
    } else {
      const f = (e.b & 15) === EX_EXTENSION ? d.extension : d.sideBend;
      if (e.b >> 4 === 1) f.setsDone++;
      else f.setsAbandoned++;
    }
  }
  const out: ExerciseDay[] = [];
  for (const d of [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    const c = at(d.endT);
    const fill = (f: ExerciseFigures, target: number, k: number) => {
      f.targetDeg = target;
      f.holdTargetS = c.ex_hold_s;
      f.setsPrescribed = target > 0 ? c.ex_sets : 0;
      if (f.reps) {
        f.peakDegMean = Math.round((d.sums[k] / f.reps) * 10) / 10;
        f.holdSMean = Math.round((d.sums[k + 1] / f.reps) * 10) / 10;
      }
    };
    fill(d.extension, c.ex_extension_deg, 0);
    fill(d.sideBend, c.ex_side_deg, 2);
    out.push({ day: d.day, reminders: d.reminders, extension: d.extension, sideBend: d.sideBend });
  }
  const sum = (g: (x: ExerciseDay) => number) => out.reduce((a, x) => a + g(x), 0);
  return {
    prescribed,
    days: out,
    setsDone: sum((x) => x.extension.setsDone + x.sideBend.setsDone),
    setsPrescribed: sum((x) => x.extension.setsPrescribed + x.sideBend.setsPrescribed),
    reps: sum((x) => x.extension.reps + x.sideBend.reps),
  };
}
