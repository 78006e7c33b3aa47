// The exercise programme: counts the prescribed stretches (thoracic extension, side bends)
// from the same estimator the slouch detector reads. Run by the core after the detector on
// every block, on the clip and in `posture replay` alike.
//
// A repetition leaves upright in the prescribed direction, passes the target angle, stays at
// or past it (less a 2 degree margin) without moving for the hold time, and comes back toward
// upright (under the away angle) within a bounded time. Anything else is not one:
// - shallow (never at the target) or short (held less than the hold time): no event;
// - reclining for minutes, or any lean past the bound: abandoned until back upright;
// - walking, reaching, standing up: the block's own motion resets the hold.
// Reps of one exercise make a set: ex_reps of extension, or ex_reps to each side for side
// bends; a set ends completed, or abandoned after SET_GAP_MS without a repetition.
//
// The cheap part runs every block: a sign test in the estimator (OUT_AWAY) says whether the
// wearer left upright at all, at the away angle the core sets (half the smaller target, at
// least 3 deg). Angles in degrees are computed only while away. The state lives
// in two typed arrays, not closure variables: on Espruino each closure variable costs one.
import { Config } from './config';
import {
  Emit, EV_EX_REMINDER, EV_EX_REP, EV_EX_SET, EX_EXTENSION, EX_SIDE, EX_SIDE_LEFT, EX_SIDE_RIGHT, ST_OFF,
} from './events';
import { ONE_G, OUT_ACC_VAR, OUT_AWAY, OUT_FLEX, OUT_LAT } from './estimator';
import { sq } from './fixmath';
import { MAX_GAP_MS } from './detector';

/** No repetition for this long ends a set. */
export const SET_GAP_MS = 60000;
/** A repetition returns within 2 x hold + this, or it is not one (a recline, a long lean). */
export const REP_SLACK_MS = 10000;
/** No break reminder for this long (off the body, a night) starts a new day of sets: the clip has no time zone. */
export const DAY_OFF_MS = 4 * 3600000;
/** The hold allows this much below the target (0.1 deg), so a wobble does not restart it. */
const MARGIN = 20;
/** The detector's info slots the counter reads: snoozed, and the count of break reminders. */
const I_SNOOZED = 3, I_BREAKS = 5;

// Times (ms, beyond 32 bits once the clock is set). T_AT: the next reminder at a time of day
// (-1: plan it at the next block; Infinity: none); T_LOCAL: local time minus the clip's clock
// (NaN: unknown, the clock never set); T_DAY: the local day whose sets are being counted.
const T_START = 0, T_SINCE = 1, T_LAST = 2, T_REP = 3, T_BREAK = 4, T_DAY = 7;
export const T_AT = 5, T_LOCAL = 6;
const DAY_MS = 86400000;
// Integers: the repetition under way (phase 0 none, 1 away, 2 abandoned until upright; its
// direction, the current and longest run at the target, the peak), the set under way (its
// exercise, reps: side bends left and right), the day's completed sets, the break count seen.
export const N_PHASE = 0, N_SET = 5, N_BREAKS = 10;
const N_KIND = 1, N_HELD = 2, N_BEST = 3, N_PEAK = 4, N_A = 6, N_B = 7, N_EXT = 8, N_SIDE = 9;

export interface Exercises {
  /**
   * One block, after the detector: its state, the estimator's outputs, the detector's info, the
   * prescription in force. Returns 1 while a set is open (slouch alerts pause), else 0. The core
   * calls it only when OUT_AWAY, n[N_PHASE], n[N_SET] or a new break count (n[N_BREAKS]) say so.
   */
  step(t: number, state: number, o: Int32Array, info: Int32Array, c: Config): number;
  /** The counter's integer state (N_* slots), read by the core to skip idle blocks. */
  n: Int32Array;
  /** Its times (T_* slots): the core reads T_AT to wake it for a reminder and sets T_LOCAL. */
  tm: Float64Array;
}

export function createExercises(emit: Emit, angles: () => void): Exercises {
  const tm = new Float64Array(8);
  const n = new Int32Array(11);
  tm[T_SINCE] = tm[T_AT] = -1;
  tm[T_LOCAL] = tm[T_DAY] = NaN;
  const ex: Exercises = { step: step, n: n, tm: tm };

  function endSet(t: number, completed: number) {
    emit(EV_EX_SET, t, n[N_A] + n[N_B], n[N_SET] + 16 * completed);
    if (completed) {
      // Counted to its own day: a set done after midnight, before the day's first reminder.
      newDay(t, false);
      n[n[N_SET] === EX_EXTENSION ? N_EXT : N_SIDE]++;
    }
    n[N_SET] = n[N_A] = n[N_B] = 0;
  }

  // What is still due today, asked for unless snoozed (as alerts are) or a set is under way.
  function remind(t: number, info: Int32Array, c: Config) {
    const due = (c.ex_extension_deg && n[N_EXT] < c.ex_sets ? 1 : 0) + (c.ex_side_deg && n[N_SIDE] < c.ex_sets ? 2 : 0);
    if (due && !info[I_SNOOZED] && !n[N_SET]) emit(EV_EX_REMINDER, t, due, c.mode ? 0 : 1);
  }

  // A new day's sets: from local midnight once the clip knows its local time; before that,
  // after DAY_OFF_MS without a break reminder (the clip off the body, or a night).
  function newDay(t: number, quiet: boolean) {
    const d = Math.floor((t + tm[T_LOCAL]) / DAY_MS);
    if (d === d ? d !== tm[T_DAY] : quiet) n[N_EXT] = n[N_SIDE] = 0;
    tm[T_DAY] = d;
  }

  /** The first prescribed time of day after t, on the clip's clock; Infinity when none or unknown. */
  function nextAt(t: number, c: Config): number {
    const off = tm[T_LOCAL], day = Math.floor((t + off) / DAY_MS) * DAY_MS - off;
    let best = Infinity;
    for (let i = 1; i <= 3; i++) {
      const v = c['ex_time_' + i];
      let at = day + (((v / 100) | 0) * 60 + (v % 100)) * 60000;
      if (at <= t) at += DAY_MS;
      if (v && at < best) best = at;
    }
    return best;
  }

  function step(t: number, state: number, o: Int32Array, info: Int32Array, c: Config): number {
    const away = o[OUT_AWAY];
    if (t >= tm[T_AT]) {
      // Due at a time of day (or, at -1, only planning after a change of clock or prescription).
      if (tm[T_AT] < 0) {
        if (tm[T_DAY] !== tm[T_DAY]) tm[T_DAY] = Math.floor((t + tm[T_LOCAL]) / DAY_MS);
      } else {
        newDay(t, false);
        remind(t, info, c);
      }
      tm[T_AT] = nextAt(t, c);
    }
    if (info[I_BREAKS] !== n[N_BREAKS]) {
      n[N_BREAKS] = info[I_BREAKS];
      newDay(t, t - tm[T_BREAK] >= DAY_OFF_MS);
      tm[T_BREAK] = t;
      // A break reminder also asks for what is still due today (ex_remind with_breaks).
      if (c.ex_remind) remind(t, info, c);
    }
    if (n[N_SET] && t - tm[T_REP] >= SET_GAP_MS) endSet(t, 0);
    if (!away || state === ST_OFF) {
      // Back toward upright (under the away angle): what was held is a repetition, or nothing.
      if (n[N_PHASE] === 1 && n[N_BEST] >= c.ex_hold_s * 1000) rep(t, c);
      n[N_PHASE] = 0;
      return n[N_SET] ? 1 : 0;
    }
    // Away too long (reclining, a long lean): nothing to count until back upright.
    if (n[N_PHASE] === 2) return n[N_SET] ? 1 : 0;
    if (!n[N_PHASE]) {
      n[N_PHASE] = 1;
      tm[T_START] = t;
      tm[T_SINCE] = -1;
      n[N_HELD] = n[N_BEST] = n[N_PEAK] = n[N_KIND] = 0;
    }
    if (t - tm[T_START] > 2000 * c.ex_hold_s + REP_SLACK_MS) {
      n[N_PHASE] = 2;
      return n[N_SET] ? 1 : 0;
    }
    angles();
    const extT = c.ex_extension_deg * 10, sideT = c.ex_side_deg * 10, la = o[OUT_LAT];
    // How far the wearer leans each way (lateral + = right).
    const e = extT ? -o[OUT_FLEX] : 0, s = sideT ? (la < 0 ? -la : la) : 0;
    // Decided at the target: the direction that reached it (relative to its target) first.
    if (!n[N_KIND]) n[N_KIND] = extT && e >= extT && e * sideT >= s * extT ? EX_EXTENSION : sideT && s >= sideT ? (la > 0 ? EX_SIDE_RIGHT : EX_SIDE_LEFT) : 0;
    const kind = n[N_KIND];
    if (!kind) return n[N_SET] ? 1 : 0;
    const m = kind === EX_EXTENSION ? e : s;
    if (m > n[N_PEAK]) n[N_PEAK] = m;
    // Still: this block's own motion (a slow stretch may still count as moving for a while).
    if (m >= (kind === EX_EXTENSION ? extT : sideT) - MARGIN && o[OUT_ACC_VAR] <= sq((c.move_mg * ONE_G) / 1000)) {
      const dt = t - tm[T_LAST];
      if (tm[T_SINCE] < 0) tm[T_SINCE] = t;
      // A gap in the samples or a clock set is not held time (as in the detector).
      else if (dt > 0 && dt <= MAX_GAP_MS) n[N_HELD] += dt;
      if (n[N_HELD] > n[N_BEST]) n[N_BEST] = n[N_HELD];
    } else {
      tm[T_SINCE] = -1;
      n[N_HELD] = 0;
    }
    tm[T_LAST] = t;
    return n[N_SET] ? 1 : 0;
  }

  function rep(t: number, c: Config) {
    const kind = n[N_KIND], k = kind === EX_EXTENSION ? EX_EXTENSION : EX_SIDE;
    if (n[N_SET] && n[N_SET] !== k) endSet(t, 0);
    n[N_SET] = k;
    n[kind === EX_SIDE_RIGHT ? N_B : N_A]++;
    tm[T_REP] = t;
    // b: which way (EX_*), and the longest hold in 0.1 s.
    emit(EV_EX_REP, t, n[N_PEAK], kind + 16 * ((n[N_BEST] / 100) | 0));
    if (n[N_A] >= c.ex_reps && (k === EX_EXTENSION || n[N_B] >= c.ex_reps)) endSet(t, 1);
  }

  return ex;
}
