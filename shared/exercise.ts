// The exercise programme: counts the prescribed stretches (thoracic extension, side bends)
// from the same estimator the slouch detector reads. Run by the core after the detector on
// every block, on the clip and in `posture replay` alike.
//
// A repetition leaves upright in the prescribed direction, passes the target angle, stays at
// or past it (less a 2 degree margin) without moving for the hold time, and comes back toward
// upright (under half the away angle) within a bounded time. Anything else is not one:
// - shallow (never at the target) or short (held less than the hold time): no event;
// - reclining for minutes, or any lean past the bound: abandoned until back upright;
// - walking, reaching, standing up: the detector's moving state resets the hold.
// Reps of one exercise make a set: ex_reps of extension, or ex_reps to each side for side
// bends; a set ends completed, or abandoned after SET_GAP_MS without a repetition.
//
// The cheap part runs every block: a sign test in the estimator (OUT_AWAY) says whether the
// wearer left upright at all. Angles in degrees are computed only while away.
import { Config } from './config';
import {
  Emit, EV_BREAK, EV_EX_REMINDER, EV_EX_REP, EV_EX_SET, EX_EXTENSION, EX_SIDE, EX_SIDE_LEFT, EX_SIDE_RIGHT, ST_OFF,
} from './events';
import { ONE_G, OUT_ACC_VAR, OUT_AWAY, OUT_FLEX, OUT_LAT } from './estimator';
import { sq } from './fixmath';

/** No repetition for this long ends a set. */
export const SET_GAP_MS = 60000;
/** A repetition returns within 2 x hold + this, or it is not one (a recline, a long lean). */
export const REP_SLACK_MS = 10000;
/** Off the body this long starts a new day of sets (no time zone on the clip). */
export const DAY_OFF_MS = 4 * 3600000;
/** The hold allows this much below the target (0.1 deg), so a wobble does not restart it. */
const MARGIN = 20;

export interface Exercises {
  /** One block, after the detector: its state and the estimator's outputs. */
  step(t: number, state: number, o: Int32Array): void;
  /** The detector's events pass here too: a break reminder brings an exercise reminder. */
  event(type: number, t: number, snoozed: number): void;
  configure(c: Config): void;
  /** 1 while a set runs (slouch alerts pause). */
  inSet: number;
}

/** The away angle (whole degrees) that the estimator's OUT_AWAY tests; 0 when nothing is prescribed. */
export function awayDeg(c: Config): number {
  const e = c.ex_extension_deg, s = c.ex_side_deg;
  const m = e && s ? (e < s ? e : s) : e || s;
  return m ? (m >> 1 > 3 ? m >> 1 : 3) : 0;
}

export function createExercises(c: Config, emit: Emit, angles: () => void): Exercises {
  // Targets (0.1 deg), the hold (ms), "back toward upright" (0.1 deg), motion limit: the rest is read from c.
  let extT = 0, sideT = 0, holdMs = 0, back = 0, still = 0;
  // The repetition under way: phase 0 none, 1 away, 2 abandoned (waits for upright); held: the
  // current run at the target, best: the longest run.
  let phase = 0, kind = 0, start = 0, since = -1, held = 0, best = 0, peak = 0, lastT = 0;
  // The set under way: its exercise (EX_EXTENSION or EX_SIDE), reps (side bends: left, right),
  // when the last came; the day's completed sets; when the clip went off the body.
  let setKind = 0, nA = 0, nB = 0, lastRep = 0, doneExt = 0, doneSide = 0, offAt = -1;
  const ex: Exercises = { step: step, event: event, configure: configure, inSet: 0 };

  function configure(nc: Config) {
    c = nc;
    extT = nc.ex_extension_deg * 10;
    sideT = nc.ex_side_deg * 10;
    holdMs = nc.ex_hold_s * 1000;
    back = awayDeg(nc) * 5;
    still = sq((nc.move_mg * ONE_G) / 1000);
  }

  function endSet(t: number, completed: number) {
    emit(EV_EX_SET, t, nA + nB, setKind + 16 * completed);
    if (completed) {
      if (setKind === EX_EXTENSION) doneExt++;
      else doneSide++;
    }
    setKind = nA = nB = ex.inSet = 0;
  }

  function step(t: number, state: number, o: Int32Array) {
    if (state === ST_OFF) {
      if (offAt < 0) offAt = t;
    } else if (offAt >= 0) {
      // Back on after a long time off: a new day's sets.
      if (t - offAt >= DAY_OFF_MS) doneExt = doneSide = 0;
      offAt = -1;
    }
    if (setKind && t - lastRep >= SET_GAP_MS) endSet(t, 0);
    if (!phase && !o[OUT_AWAY]) return;
    if (!back || state === ST_OFF) {
      phase = 0;
      return;
    }
    angles();
    const la = o[OUT_LAT];
    // How far the wearer leans each way (lateral + = right).
    const e = extT ? -o[OUT_FLEX] : 0, s = sideT ? (la < 0 ? -la : la) : 0;
    if (!phase) {
      if (e < back * 2 && s < back * 2) return;
      phase = 1;
      start = t;
      since = -1;
      held = best = peak = kind = 0;
    }
    if (phase === 1) {
      if (t - start > 2 * holdMs + REP_SLACK_MS) phase = 2;
      // Decided at the target: the direction that reached it (relative to its target) first.
      else if (!kind) kind = extT && e >= extT && e * sideT >= s * extT ? EX_EXTENSION : sideT && s >= sideT ? (la > 0 ? EX_SIDE_RIGHT : EX_SIDE_LEFT) : 0;
    }
    const m = kind === EX_EXTENSION ? e : kind ? s : e > s ? e : s;
    if (phase === 1 && kind) {
      if (m > peak) peak = m;
      // Still: this block's own motion (a slow stretch may still count as moving for a while).
      if (m >= (kind === EX_EXTENSION ? extT : sideT) - MARGIN && o[OUT_ACC_VAR] <= still) {
        if (since < 0) since = t;
        else held += t - lastT;
        if (held > best) best = held;
      } else {
        since = -1;
        held = 0;
      }
      lastT = t;
    }
    // Back toward upright: what was held is a repetition, or nothing.
    if (m < back) {
      if (phase === 1 && kind && best >= holdMs) rep(t);
      phase = 0;
    }
  }

  function rep(t: number) {
    const k = kind === EX_EXTENSION ? EX_EXTENSION : EX_SIDE;
    if (setKind && setKind !== k) endSet(t, 0);
    setKind = k;
    ex.inSet = 1;
    if (kind === EX_SIDE_RIGHT) nB++;
    else nA++;
    lastRep = t;
    // b: which way (EX_*), and the longest hold in 0.1 s.
    emit(EV_EX_REP, t, peak, kind + 16 * ((best / 100) | 0));
    if (nA >= c.ex_reps && (k === EX_EXTENSION || nB >= c.ex_reps)) endSet(t, 1);
  }

  function event(type: number, t: number, snoozed: number) {
    // Snoozed: no reminder, as no alert; the next break reminder brings it.
    if (type !== EV_BREAK || !c.ex_remind || snoozed) return;
    const due = (extT && doneExt < c.ex_sets ? 1 : 0) + (sideT && doneSide < c.ex_sets ? 2 : 0);
    if (due) emit(EV_EX_REMINDER, t, due, c.mode ? 0 : 1);
  }

  configure(c);
  return ex;
}
