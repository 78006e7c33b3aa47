// Turns the detector's decisions into log records: one event record per logged event, one
// summary record per clock minute with the seconds spent in each state, the flexion mean and
// maximum over worn, unmoving blocks (sampled every 3.2 s), the alerts and corrections, and the exercise
// repetitions and completed sets in that minute; and,
// into a ring of its own, one record per clock hour adding up its minutes, so weeks of
// history outlast the minutes.
import {
  EVENT_LEN, FLAG_CLOCK_UNSET, HOUR_UNIT_S, MINUTE_LEN, M_ALERTS, M_CORRECTED, M_FLEX_MAX, M_FLEX_MEAN, M_LYING, M_MOVING, M_OFF,
  M_REPS, M_SETS, M_SLOUCH, M_UPRIGHT, put16, put32, REC_EVENT, REC_HEADER, REC_HOUR, REC_MINUTE,
} from '../../shared/log-format';
import { EV_ALERT, EV_CORRECTED, EV_EX_REP, EV_EX_SET, EV_FAULT, EV_STATE, FAULT_HOUR_LOG, FAULT_LOG, ST_LYING, ST_MOVING, ST_SLOUCH, ST_UPRIGHT } from '../../shared/events';

/** A block whose flexion was not sampled. */
export const NO_FLEX = -32768;
/** Still 0.4 s blocks per flexion sample: one every 3.2 s (every other 1.6 s block while the gyro rests). */
export const FLEX_EVERY = 8;

export interface Ring {
  /** Seals rec with the next sequence number and writes it: see log/ring.ts. */
  append(rec: Uint8Array, type: number, t: number, flags: number): number;
}

/**
 * clock.clockSet says whether the host has set the clip's clock (read at every record).
 * hours: the ring for hourly records (none: not kept).
 */
export function createLogger(ring: Ring, clock: { clockSet: boolean }, hours?: Ring) {
  const ev = new Uint8Array(EVENT_LEN);
  const mn = new Uint8Array(MINUTE_LEN);
  // Fields are put byte by byte: a DataView per buffer would hold variables for good.
  // Per-minute accumulators: ms per state (uncalibrated counts as off), flexion sum/count/max.
  const ms = new Float64Array(5);
  let minute = -1, fSum = 0, fN = 0, fMax = -32768, alerts = 0, corrected = 0, reps = 0, sets = 0;
  // Per-hour sums of the closed minutes: seconds per state (M_* order), then flexion sum and
  // count, alerts, corrections, repetitions, completed sets; and the flexion max. An hour record has the minute's layout
  // and length, so it is built in the minute's buffer (each is sealed and written whole).
  const hr = mn;
  const hs = new Int32Array(11);
  let hour = -1, hMax = -32768;

  /** Logs an event (state changes live in the minute records instead). */
  function event(type: number, t: number, a: number, b: number) {
    if (type === EV_STATE) return;
    if (type === EV_ALERT) alerts++;
    if (type === EV_CORRECTED) corrected++;
    if (type === EV_EX_REP) reps++;
    if (type === EV_EX_SET && b & 16) sets++;
    put16(ev, REC_HEADER, t % 1000);
    ev[REC_HEADER + 2] = type;
    put32(ev, REC_HEADER + 3, a);
    put32(ev, REC_HEADER + 7, b);
    // Once a write succeeds after some failed (Storage was full), log how many were lost.
    const lost = ring.append(ev, REC_EVENT, Math.floor(t / 1000), clock.clockSet ? 0 : FLAG_CLOCK_UNSET);
    if (lost > 0) event(EV_FAULT, t, FAULT_LOG, lost);
  }

  /** Writes the hour's record when it was worn for more than half its time unit, and starts the next. */
  function closeHour() {
    if (!hours) return;
    if (hs[M_UPRIGHT] + hs[M_SLOUCH] + hs[M_MOVING] + hs[M_LYING] > HOUR_UNIT_S / 2) {
      for (let i = 0; i < 5; i++) hr[REC_HEADER + i] = Math.round(hs[i] / HOUR_UNIT_S); // <= 3600 s: <= 240
      put16(hr, REC_HEADER + M_FLEX_MEAN, hs[6] ? Math.round(hs[5] / hs[6]) : 0);
      put16(hr, REC_HEADER + M_FLEX_MAX, hs[6] ? hMax : 0);
      hr[REC_HEADER + M_ALERTS] = hs[7] > 255 ? 255 : hs[7];
      hr[REC_HEADER + M_CORRECTED] = hs[8] > 255 ? 255 : hs[8];
      hr[REC_HEADER + M_REPS] = hs[9] > 255 ? 255 : hs[9];
      hr[REC_HEADER + M_SETS] = hs[10] > 255 ? 255 : hs[10];
      const lost = hours.append(hr, REC_HOUR, hour * 3600, clock.clockSet ? 0 : FLAG_CLOCK_UNSET);
      if (lost > 0) event(EV_FAULT, hour * 3600000, FAULT_HOUR_LOG, lost);
    }
    for (let i = 0; i < 11; i++) hs[i] = 0;
    hMax = -32768;
  }

  /** Closes the minute (and with all, the hour too: before the clock changes or sampling stops). */
  function close(all?: number) {
    if (minute >= 0) closeMinute();
    if (all) closeHour();
  }

  function closeMinute() {
    if (hours && Math.floor(minute / 60) !== hour) {
      closeHour();
      hour = Math.floor(minute / 60);
    }
    let worn = 0;
    for (let i = 0; i < 5; i++) {
      let s = Math.round(ms[i] / 1000);
      if (s > 60) s = 60;
      mn[REC_HEADER + i] = s;
      hs[i] += s;
      if (i !== M_OFF) worn += ms[i];
    }
    hs[5] += fSum;
    hs[6] += fN;
    hs[7] += alerts;
    hs[8] += corrected;
    hs[9] += reps;
    hs[10] += sets;
    if (fN && fMax > hMax) hMax = fMax;
    // Minutes spent wholly off the body are not written: the gap says it, and flash lasts
    // three times longer for a clip worn 8 h a day.
    if (worn > 0) {
      put16(mn, REC_HEADER + M_FLEX_MEAN, fN ? Math.round(fSum / fN) : 0);
      put16(mn, REC_HEADER + M_FLEX_MAX, fN ? fMax : 0);
      mn[REC_HEADER + M_ALERTS] = alerts > 255 ? 255 : alerts;
      mn[REC_HEADER + M_CORRECTED] = corrected > 255 ? 255 : corrected;
      mn[REC_HEADER + M_REPS] = reps > 255 ? 255 : reps;
      mn[REC_HEADER + M_SETS] = sets > 255 ? 255 : sets;
      const lost = ring.append(mn, REC_MINUTE, minute * 60, clock.clockSet ? 0 : FLAG_CLOCK_UNSET);
      if (lost > 0) event(EV_FAULT, minute * 60000, FAULT_LOG, lost);
    }
    for (let i = 0; i < 5; i++) ms[i] = 0;
    fSum = fN = alerts = corrected = reps = sets = 0;
    fMax = -32768;
  }

  /**
   * One block's time (dt ms ending at t) in a state; flex (0.1 deg) counts while worn and still,
   * unless NO_FLEX (the clip samples flexion every FLEX_EVERY-th block).
   */
  function block(t: number, dt: number, state: number, flex: number) {
    const m = Math.floor(t / 60000);
    if (m !== minute) {
      close(0);
      minute = m;
    }
    const k = state === ST_UPRIGHT ? M_UPRIGHT : state === ST_SLOUCH ? M_SLOUCH : state === ST_MOVING ? M_MOVING : state === ST_LYING ? M_LYING : M_OFF;
    ms[k] += dt;
    if ((state === ST_UPRIGHT || state === ST_SLOUCH) && flex !== NO_FLEX) {
      fSum += flex;
      fN++;
      if (flex > fMax) fMax = flex;
    }
  }

  return { event: event, block: block, close: close };
}
