// Slouch detector: a state machine over the estimator's outputs. Time comes in as t (ms),
// so tests drive it on a virtual clock. Every decision leaves through emit().
//
// Policy (README "Detector"):
// - state precedence: uncalibrated > off > lying > moving > slouch/upright;
// - slouch enters at flexion >= threshold, leaves below threshold - hysteresis;
// - an episode's "held" time grows only while the state is SLOUCH (still and slouched):
//   short movements pause it, movement longer than move_reset_s, lying or off end it;
// - first alert when held >= alert_delay; then every realert_s of further held time, up to
//   max_alerts per episode, the level (1..3) escalating the vibration pattern;
// - snoozed: no alert fires (held time still grows, so one fires when the snooze ends);
// - tracking mode: alerts are recorded with b = 0 and never buzz;
// - "corrected" when an alerted episode ends by sitting upright;
// - break reminder after break_min of worn, unmoving time; 60 s of continuous movement or
//   taking the clip off counts as a break;
// - a prescription change keeps all of the above running and applies from the next block; an
//   episode that only the new slouch angles end closes with END_CONFIG.
import { Config } from './config';
import { sq } from './fixmath';
import {
  Emit, EV_ALERT, EV_BREAK, EV_CORRECTED, EV_SLOUCH_END, EV_SLOUCH_START, EV_STATE,
  END_CALIBRATED, END_CONFIG, END_LYING, END_MOVING, END_OFF, END_UPRIGHT,
  ST_LYING, ST_MOVING, ST_OFF, ST_SLOUCH, ST_UNCAL, ST_UPRIGHT,
} from './events';
import { ONE_G, OUT_ACC_VAR, OUT_FLAT, OUT_FLEX, OUT_GYRO_VAR, OUT_HAS_REF, OUT_HOLD, OUT_LYING, OUT_SLOUCH } from './estimator';

export const BREAK_MOVE_MS = 60000;
/** A gap in the samples longer than this is not counted as time in any state. */
export const MAX_GAP_MS = 5000;

export interface Detector {
  /** One estimator output at time t (ms). Returns the state. */
  step(t: number, o: Int32Array): number;
  /**
   * New settings from the next block on. The episode, its held time and alerts, the snooze,
   * the mode and the sitting time all carry over: a prescription change is not a new day.
   */
  configure(c: Config): void;
  /** Silences alerts for ms from t. (A mode change is a configure() with the new mode.) */
  snooze(t: number, ms: number): void;
  /** Ends a running episode with the END_* reason; the snooze and the sitting time stay. */
  end(t: number, why: number): void;
  /** Int32 view of the detector's state, for the live stream and the per-minute log (INFO_QUIET is an input). */
  info: Int32Array;
}

export const INFO_STATE = 0;
export const INFO_HELD_MS = 1; // still-slouched time in the current episode
export const INFO_ALERTS = 2; // alerts in the current episode
export const INFO_SNOOZED = 3;
export const INFO_SIT_MS = 4; // sitting time since the last break
export const INFO_BREAKS = 5; // break reminders so far (the exercise counter watches it)
export const INFO_QUIET = 6; // set from outside: 1 holds alerts back (an exercise set runs), held time still grows
export const INFO_LEN = 7;

/**
 * angles() fills the estimator's OUT_FLEX (and the other degree outputs) when an event
 * needs the value; the per-block decisions use the estimator's sign flags instead.
 */
export function createDetector(c: Config, emit: Emit, angles: () => void, gyroPerDps: number): Detector {
  // Settings, in the units step() compares in; configure() replaces them in place.
  let delay = 0, realert = 0, maxAlerts = 0, breakMs = 0, moveAcc = 0, moveGyro = 0, stillAcc = 0;
  let moveHold = 0, moveReset = 0, offAfter = 0;
  const info = new Int32Array(INFO_LEN);

  let state = -1;
  let lastT = -1;
  let inMove = 0, moveStart = 0, lastMove = 0;
  let stillStart = 0;
  // Flexion beyond threshold, with hysteresis. 2: as 1, but the slouch angles changed during
  // the episode: if the next block finds the wearer below release, the prescription moved,
  // not the wearer (END_CONFIG, no "corrected"). (A flag of its own would cost a variable.)
  let above = 0;
  let episode = 0, epStart = 0, held = 0, alerts = 0, heldAtAlert = 0, lastAlertT = 0;
  // Snooze time left, counted down by the blocks' time: a clock set does not move it.
  let snoozeLeft = 0;
  let sit = 0;

  function configure(nc: Config) {
    if (episode && above && (nc.threshold_deg !== c.threshold_deg || nc.hysteresis_deg !== c.hysteresis_deg)) above = 2;
    c = nc;
    delay = nc.alert_delay_s * 1000;
    realert = nc.realert_s * 1000;
    maxAlerts = nc.max_alerts;
    breakMs = nc.break_min * 60000;
    // Motion thresholds as mean squares in sensor counts, to compare without a square root.
    moveAcc = sq((nc.move_mg * ONE_G) / 1000);
    moveGyro = sq(nc.move_dps * gyroPerDps);
    stillAcc = sq((nc.off_still_mg * ONE_G) / 1000);
    moveHold = nc.move_hold_s * 1000;
    moveReset = nc.move_reset_s * 1000;
    offAfter = nc.off_after_s * 1000;
  }

  function end(t: number, why: number) {
    above = 0;
    // A new reference: the wearer just sat still and upright, so on the body whatever the
    // stillness before.
    if (why === END_CALIBRATED) stillStart = t;
    if (!episode) return;
    emit(EV_SLOUCH_END, t, t - epStart, why);
    if (why === END_UPRIGHT && alerts) emit(EV_CORRECTED, t, t - lastAlertT, alerts);
    episode = 0;
    held = 0;
    alerts = 0;
  }

  function step(t: number, o: Int32Array): number {
    let dt = lastT < 0 ? 0 : t - lastT;
    if (dt < 0 || dt > MAX_GAP_MS) {
      // A gap in the samples, or the clock set: the stored times move with it, so that no
      // duration counts it (and the host need not tell the detector the clock changed).
      moveStart += dt;
      lastMove += dt;
      stillStart += dt;
      epStart += dt;
      lastAlertT += dt;
      dt = 0;
    }
    lastT = t;
    if (snoozeLeft > 0) snoozeLeft -= dt;
    const va = o[OUT_ACC_VAR];
    if (va > moveAcc || o[OUT_GYRO_VAR] > moveGyro) {
      if (!inMove) {
        inMove = 1;
        moveStart = t;
      }
      lastMove = t;
    } else if (inMove && t - lastMove >= moveHold) inMove = 0;
    if (va >= stillAcc) stillStart = t;

    let s: number, moved = false;
    if (!o[OUT_HAS_REF]) s = ST_UNCAL;
    else if (o[OUT_FLAT] || (stillAcc > 0 && t - stillStart >= offAfter)) s = ST_OFF;
    else if (o[OUT_LYING]) s = ST_LYING;
    else {
      // Hysteresis: a slouch starts at the threshold and lasts until below threshold - hysteresis.
      moved = above === 2;
      above = above ? o[OUT_HOLD] : o[OUT_SLOUCH];
      s = inMove ? ST_MOVING : above ? ST_SLOUCH : ST_UPRIGHT;
    }
    if (s === ST_OFF || s === ST_LYING) above = 0;

    if (s !== state) {
      emit(EV_STATE, t, s, state);
      state = s;
    }
    if (episode) {
      if (s === ST_UPRIGHT) end(t, moved ? END_CONFIG : END_UPRIGHT);
      else if (s === ST_OFF || s === ST_UNCAL) end(t, END_OFF);
      else if (s === ST_LYING) end(t, END_LYING);
      else if (s === ST_MOVING && t - moveStart >= moveReset) end(t, END_MOVING);
    }
    if (s === ST_SLOUCH) {
      if (!episode) {
        episode = 1;
        epStart = t;
        held = 0;
        alerts = 0;
        angles();
        emit(EV_SLOUCH_START, t, o[OUT_FLEX], 0);
      } else held += dt;
      // The next alert is due at alert_delay_s, then every realert_s of held time after the
      // latest: computed here, so a changed delay applies to the running episode at once.
      if (alerts < maxAlerts && snoozeLeft <= 0 && !info[6] && (alerts ? realert > 0 && held >= heldAtAlert + realert : held >= delay)) {
        alerts++;
        heldAtAlert = held;
        lastAlertT = t;
        emit(EV_ALERT, t, alerts > 3 ? 3 : alerts, c.mode ? 0 : 1);
      }
    }
    if (s === ST_UPRIGHT || s === ST_SLOUCH) {
      sit += dt;
      if (breakMs > 0 && sit >= breakMs) {
        emit(EV_BREAK, t, (sit / 60000) | 0, 0);
        info[5]++;
        sit = 0;
      }
    } else if (s === ST_OFF || (s === ST_MOVING && t - moveStart >= BREAK_MOVE_MS)) sit = 0;
    info[0] = s;
    info[1] = held;
    info[2] = alerts;
    info[3] = snoozeLeft > 0 ? 1 : 0;
    info[4] = sit;
    return s;
  }

  function snooze(t: number, ms: number) {
    // The next block's time counts from the last block, so add what passed before the snooze:
    // alerts resume at the first block at or after t + ms.
    snoozeLeft = ms + (lastT < 0 ? 0 : t - lastT);
  }

  configure(c);
  return { step: step, configure: configure, snooze: snooze, end: end, info: info };
}
