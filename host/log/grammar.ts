// The grammar of the event stream: what may follow what. One checker for the tests, for
// `posture replay` and for the archive loader (pulled logs), and the rules' text is the
// source of docs/events.md (a test keeps the two equal).
import {
  END_NAMES, END_UPRIGHT, EV_ALERT, EV_BOOT, EV_CALIBRATED, EV_CONFIG, EV_CORRECTED, EV_EX_REMINDER, EV_EX_REP, EV_EX_SET,
  EV_MODE, EV_SLOUCH_END, EV_SLOUCH_START, EV_SNOOZE, EV_STATE, EV_TIME_SET, EVENT_NAMES, EX_EXTENSION, EX_REP_NAMES,
  EX_SET_NAMES, EX_SIDE, STATE_NAMES,
} from '../../shared/events';
import { decodeConfigEvent } from './config-event';

export interface GrammarEvent {
  type: number;
  t: number;
  a: number;
  b: number;
  /** The log record's sequence number, for messages. */
  seq?: number;
  /** Records were lost just before this one (a gap in the log's numbering): what was open is unknown. */
  gapBefore?: boolean;
}

/** A pulled log's records (minutes, events, in log order) as the checker's input: events, with the gaps marked. */
export function logEvents(records: { kind: string; seq: number }[]): GrammarEvent[] {
  const out: GrammarEvent[] = [];
  // A log that begins after record 0 was cut before it (dropped on a full clip, or erased
  // after a pull elsewhere): what came before is unknown, as after any gap.
  let prev = -1, gap = records.length > 0 && records[0].seq > 0;
  for (const r of records) {
    if (prev >= 0 && r.seq !== prev + 1) gap = true;
    prev = r.seq;
    if (r.kind !== 'event') continue;
    const e = r as unknown as { type: number; t: number; a: number; b: number; seq: number };
    out.push({ type: e.type, t: e.t, a: e.a, b: e.b, seq: e.seq, gapBefore: gap });
    gap = false;
  }
  return out;
}

export interface Violation {
  /** Position in the checked list. */
  index: number;
  seq?: number;
  t: number;
  rule: string;
  message: string;
}

/** The rules, in the order docs/events.md lists them. */
export const GRAMMAR_RULES: { id: string; text: string }[] = [
  { id: 'episode-start', text: 'A `slouch_start` comes only when no episode is open.' },
  { id: 'episode-end', text: 'Every `slouch_start` is closed by exactly one `slouch_end`, which names its reason (upright, moving, lying, off, reset, config, calibrated, stopped) and the episode\'s length: at most the time since its start, less any gap of over 5 s in the samples.' },
  { id: 'boot-closes', text: 'A `boot` closes what was open: the clip lost power or restarted mid-episode, so no `slouch_end` was written. A boot also ends a snooze. It is not a violation.' },
  { id: 'alert-inside', text: 'An `alert` comes only inside an open episode; its level is the episode\'s alert count, capped at 3.' },
  { id: 'alert-mode', text: 'An `alert` buzzes exactly when the clip is in coaching mode (mode 0), once the mode is known (from a `mode` event or a change of the `mode` field).' },
  { id: 'alert-snooze', text: 'No `alert` comes while a snooze runs: from a `snooze` event for its minutes, until then or the next boot.' },
  { id: 'corrected', text: 'A `corrected` comes right after the `slouch_end` (reason upright) of an episode that had alerts, at the same time, and counts them; every such episode gets one. (An episode that began before the log\'s start or a gap may have had alerts, so there it is allowed, with any count.)' },
  { id: 'calibrated', text: 'A `calibrated` comes only when no episode is open: a new reference first ends a running episode with reason `calibrated`.' },
  { id: 'config', text: 'A `config` event names a field of the configuration table, a new value within its range and different from the old one, and the old value is the last one logged for that field.' },
  { id: 'mode', text: 'A `mode` event sets 0 (coaching) or 1 (tracking); the mode lasts until the next `mode` event or change of the `mode` field.' },
  { id: 'state', text: 'A `state` event (replay and live stream only; the log keeps states in its minute records) starts from the previous state and names a different one.' },
  { id: 'time', text: 'Times never go backwards, except at a `boot` (an unset clock restarts) or a `time_set`.' },
  { id: 'exercise-rep', text: 'An `exercise_rep` names its direction (extension, side bend left or right) and a peak angle above 0; it opens a set of its exercise or adds to the open one, which is of the same exercise (side bends left and right make one set).' },
  { id: 'exercise-set', text: 'An `exercise_set` closes the open set and counts its repetitions and its exercise; a `boot` ends an open set without one.' },
  { id: 'exercise-quiet', text: 'No `alert` comes while a set is open: slouch alerts pause from its first repetition to its `exercise_set`.' },
  { id: 'exercise-reminder', text: 'An `exercise_reminder` names the exercises due (1 extension, 2 side bends, 3 both) and buzzes exactly when the clip is in coaching mode; none comes while a snooze runs or a set is open.' },
];

const CLOSED = 0, OPEN = 1, UNKNOWN = 2;

/**
 * Checks a stream of events in the order they happened. complete: the stream starts at
 * the clip's or the replay's beginning (nothing open, the mode is initialMode); a pulled
 * log may start mid-episode, and records lost in a gap of sequence numbers make what was
 * open unknown until the next start, end or boot.
 */
export function checkEvents(events: GrammarEvent[], opts: { complete?: boolean; initialMode?: number } = {}): Violation[] {
  const out: Violation[] = [];
  let ep = opts.complete ? CLOSED : UNKNOWN;
  let epStart = 0, epAlerts = 0, epShifted = false;
  let mode = opts.complete && opts.initialMode !== undefined ? opts.initialMode : -1;
  let snoozeUntil = -Infinity;
  // A time_set logs its step in whole seconds: after one, a snooze's end is known to 1 s.
  let snoozeSlack = 0;
  let state = opts.complete ? -1 : -2; // -2: unknown
  let lastT = -Infinity;
  // An upright end of an alerted episode waits for its corrected.
  let wantCorrected: { index: number; t: number; alerts: number } | null = null;
  const lastValue = new Map<number, number>();
  // The open exercise set: its exercise (0: none open, -1: unknown after a gap) and repetitions.
  let setKind = opts.complete ? 0 : -1, setReps = 0;

  events.forEach((e, i) => {
    const bad = (rule: string, message: string) => out.push({ index: i, seq: e.seq, t: e.t, rule, message });
    const name = EVENT_NAMES[e.type] || `event ${e.type}`;
    if (e.gapBefore) {
      setKind = -1;
      ep = UNKNOWN;
      state = -2;
      wantCorrected = null;
      lastT = -Infinity;
    }
    if (wantCorrected && e.type !== EV_CORRECTED) {
      out.push({ index: wantCorrected.index, t: wantCorrected.t, rule: 'corrected', message: `an episode with ${wantCorrected.alerts} alert(s) ended upright without a corrected event` });
      wantCorrected = null;
    }
    if (e.type !== EV_BOOT && e.type !== EV_TIME_SET && e.t < lastT) bad('time', `${name} at ${e.t} ms comes after an event at ${lastT} ms`);
    lastT = e.type === EV_BOOT ? -Infinity : e.t;

    switch (e.type) {
      case EV_SLOUCH_START:
        if (ep === OPEN) bad('episode-start', `slouch_start while the episode from ${epStart} ms is still open`);
        ep = OPEN;
        epStart = e.t;
        epAlerts = 0;
        epShifted = false;
        break;
      case EV_SLOUCH_END:
        if (!END_NAMES[e.b]) bad('episode-end', `slouch_end with unknown reason ${e.b}`);
        if (ep === CLOSED) bad('episode-end', 'slouch_end with no episode open');
        else if (ep === OPEN && !epShifted && (e.a < 0 || e.a > e.t - epStart)) {
          bad('episode-end', `slouch_end says ${e.a} ms, but the episode started ${e.t - epStart} ms before`);
        }
        if (ep === OPEN && e.b === END_UPRIGHT && epAlerts > 0) wantCorrected = { index: i, t: e.t, alerts: epAlerts };
        // An episode begun before a gap: its alerts are unknown, so a corrected may follow.
        if (ep === UNKNOWN && e.b === END_UPRIGHT) wantCorrected = { index: i, t: e.t, alerts: -1 };
        ep = CLOSED;
        break;
      case EV_CORRECTED:
        if (!wantCorrected) bad('corrected', 'corrected without an alerted episode ending upright just before');
        else if ((wantCorrected.alerts >= 0 && e.b !== wantCorrected.alerts) || e.t !== wantCorrected.t) {
          bad('corrected', `corrected counts ${e.b} alert(s) at ${e.t} ms; the episode had ${wantCorrected.alerts}, ended at ${wantCorrected.t} ms`);
        }
        wantCorrected = null;
        break;
      case EV_ALERT:
        if (ep === CLOSED) bad('alert-inside', 'alert with no episode open');
        if (ep === OPEN) {
          epAlerts++;
          const level = epAlerts > 3 ? 3 : epAlerts;
          if (e.a !== level) bad('alert-inside', `alert level ${e.a}, expected ${level} (alert ${epAlerts} of the episode)`);
        }
        if (mode >= 0 && (e.b ? 1 : 0) !== (mode ? 0 : 1)) bad('alert-mode', `alert ${e.b ? 'buzzed' : 'did not buzz'} in ${mode ? 'tracking' : 'coaching'} mode`);
        if (e.t < snoozeUntil - snoozeSlack) bad('alert-snooze', `alert during a snooze that runs until ${snoozeUntil} ms`);
        if (setKind > 0) bad('exercise-quiet', `alert during an open ${EX_SET_NAMES[setKind]} set`);
        break;
      case EV_EX_REP: {
        const dir = e.b & 15, kind = dir === EX_EXTENSION ? EX_EXTENSION : EX_SIDE;
        if (!EX_REP_NAMES[dir] || e.a <= 0) bad('exercise-rep', `exercise_rep with direction ${dir} and peak ${e.a / 10} deg`);
        else if (setKind > 0 && setKind !== kind) bad('exercise-rep', `${EX_REP_NAMES[dir]} repetition while a ${EX_SET_NAMES[setKind]} set is open`);
        if (setKind !== kind) setReps = setKind === -1 ? -Infinity : 0;
        setKind = kind;
        setReps++;
        break;
      }
      case EV_EX_SET: {
        const kind = e.b & 15;
        if (!EX_SET_NAMES[kind]) bad('exercise-set', `exercise_set of unknown exercise ${kind}`);
        else if (setKind === 0) bad('exercise-set', 'exercise_set with no set open');
        else if (setKind > 0 && (kind !== setKind || (setReps >= 0 && e.a !== setReps))) {
          bad('exercise-set', `exercise_set counts ${e.a} ${EX_SET_NAMES[kind]} repetition(s); the open set has ${setReps} of ${EX_SET_NAMES[setKind]}`);
        }
        setKind = 0;
        setReps = 0;
        break;
      }
      case EV_EX_REMINDER:
        if (e.a < 1 || e.a > 3) bad('exercise-reminder', `exercise_reminder for exercises ${e.a}: expected 1, 2 or 3`);
        if (mode >= 0 && (e.b ? 1 : 0) !== (mode ? 0 : 1)) bad('exercise-reminder', `exercise_reminder ${e.b ? 'buzzed' : 'did not buzz'} in ${mode ? 'tracking' : 'coaching'} mode`);
        if (e.t < snoozeUntil - snoozeSlack) bad('exercise-reminder', `exercise_reminder during a snooze that runs until ${snoozeUntil} ms`);
        if (setKind > 0) bad('exercise-reminder', `exercise_reminder while a ${EX_SET_NAMES[setKind]} set is open`);
        break;
      case EV_BOOT:
        setKind = 0;
        ep = CLOSED;
        snoozeUntil = -Infinity;
        state = -1;
        break;
      case EV_CALIBRATED:
        if (ep === OPEN) bad('calibrated', 'calibrated while an episode is open (it must end first, reason calibrated)');
        break;
      case EV_SNOOZE:
        snoozeUntil = e.t + e.a * 60000;
        snoozeSlack = 0;
        break;
      case EV_MODE:
        if (e.a !== 0 && e.a !== 1) bad('mode', `mode ${e.a}: expected 0 or 1`);
        mode = e.a;
        break;
      case EV_TIME_SET: {
        // The clip moved its stored times with the clock; a time_set's step is in whole seconds.
        const d = e.a * 1000;
        if (snoozeUntil > -Infinity) {
          snoozeUntil += d;
          snoozeSlack += 1000;
        }
        if (ep === OPEN) epShifted = true;
        break;
      }
      case EV_CONFIG: {
        const c = decodeConfigEvent(e.a, e.b);
        if (!c.def) {
          bad('config', `config event for unknown field ${c.field}`);
          break;
        }
        if (c.value < c.def.min || c.value > c.def.max) bad('config', `${c.def.name} set to ${c.value}, outside ${c.def.min} to ${c.def.max}`);
        if (c.old !== null) {
          if (c.old === c.value) bad('config', `${c.def.name} logged as changed but stays ${c.value}`);
          const prev = lastValue.get(c.field);
          if (prev !== undefined && prev !== c.old) bad('config', `${c.def.name} changed from ${c.old}, but the last value logged was ${prev}`);
        }
        lastValue.set(c.field, c.value);
        if (c.def.name === 'mode') mode = c.value;
        break;
      }
      case EV_STATE:
        if (!STATE_NAMES[e.a]) bad('state', `unknown state ${e.a}`);
        else if (state !== -2 && (e.b !== state || e.a === e.b)) bad('state', `state ${STATE_NAMES[e.a]} from ${STATE_NAMES[e.b] ?? 'none'}, but the state was ${state < 0 ? 'none' : STATE_NAMES[state]}`);
        state = e.a;
        break;
    }
  });
  if (wantCorrected) {
    const w = wantCorrected as { index: number; t: number; alerts: number };
    out.push({ index: w.index, t: w.t, rule: 'corrected', message: `an episode with ${w.alerts} alert(s) ended upright without a corrected event` });
  }
  return out;
}

/** One line per violation, for people. */
export function describeViolation(v: Violation): string {
  return `${v.seq !== undefined ? `record ${v.seq}` : `event ${v.index + 1}`} (${v.rule}): ${v.message}`;
}

