// Turns the detector's decisions into log records: one event record per logged event, one
// summary record per clock minute with the seconds spent in each state, the flexion mean and
// maximum over worn, unmoving blocks, and the alerts and corrections in that minute.
import {
  EVENT_LEN, FLAG_CLOCK_UNSET, MINUTE_LEN, M_ALERTS, M_CORRECTED, M_FLEX_MAX, M_FLEX_MEAN, M_LYING, M_MOVING, M_OFF,
  M_SLOUCH, M_UPRIGHT, REC_EVENT, REC_HEADER, REC_MINUTE,
} from '../../shared/log-format';
import { EV_ALERT, EV_CORRECTED, EV_FAULT, EV_STATE, FAULT_LOG, ST_LYING, ST_MOVING, ST_SLOUCH, ST_UPRIGHT } from '../../shared/events';

export interface Ring {
  /** Seals rec with the next sequence number and writes it: see log/ring.ts. */
  append(rec: Uint8Array, type: number, t: number, flags: number): number;
}

/** clock.clockSet says whether the host has set the clip's clock (read at every record). */
export function createLogger(ring: Ring, clock: { clockSet: boolean }) {
  const ev = new Uint8Array(EVENT_LEN);
  const mn = new Uint8Array(MINUTE_LEN);
  const evDv = new DataView(ev.buffer);
  const mnDv = new DataView(mn.buffer);
  // Per-minute accumulators: ms per state (uncalibrated counts as off), flexion sum/count/max.
  const ms = new Float64Array(5);
  let minute = -1, fSum = 0, fN = 0, fMax = -32768, alerts = 0, corrected = 0;

  /** Logs an event (state changes live in the minute records instead). */
  function event(type: number, t: number, a: number, b: number) {
    if (type === EV_STATE) return;
    if (type === EV_ALERT) alerts++;
    if (type === EV_CORRECTED) corrected++;
    evDv.setUint16(REC_HEADER, t % 1000, true);
    ev[REC_HEADER + 2] = type;
    evDv.setInt32(REC_HEADER + 3, a, true);
    evDv.setInt32(REC_HEADER + 7, b, true);
    // Once a write succeeds after some failed (Storage was full), log how many were lost.
    const lost = ring.append(ev, REC_EVENT, Math.floor(t / 1000), clock.clockSet ? 0 : FLAG_CLOCK_UNSET);
    if (lost > 0) event(EV_FAULT, t, FAULT_LOG, lost);
  }

  function close() {
    if (minute < 0) return;
    let worn = 0;
    for (let i = 0; i < 5; i++) {
      const s = Math.round(ms[i] / 1000);
      mn[REC_HEADER + i] = s > 60 ? 60 : s;
      if (i !== M_OFF) worn += ms[i];
    }
    // Minutes spent wholly off the body are not written: the gap says it, and flash lasts
    // three times longer for a clip worn 8 h a day.
    if (worn > 0) {
      mnDv.setInt16(REC_HEADER + M_FLEX_MEAN, fN ? Math.round(fSum / fN) : 0, true);
      mnDv.setInt16(REC_HEADER + M_FLEX_MAX, fN ? fMax : 0, true);
      mn[REC_HEADER + M_ALERTS] = alerts > 255 ? 255 : alerts;
      mn[REC_HEADER + M_CORRECTED] = corrected > 255 ? 255 : corrected;
      const lost = ring.append(mn, REC_MINUTE, minute * 60, clock.clockSet ? 0 : FLAG_CLOCK_UNSET);
      if (lost > 0) event(EV_FAULT, minute * 60000, FAULT_LOG, lost);
    }
    for (let i = 0; i < 5; i++) ms[i] = 0;
    fSum = fN = alerts = corrected = 0;
    fMax = -32768;
  }

  /** One block's time (dt ms ending at t) in a state; flex (0.1 deg) counts while worn and still. */
  function block(t: number, dt: number, state: number, flex: number) {
    const m = Math.floor(t / 60000);
    if (m !== minute) {
      close();
      minute = m;
    }
    const k = state === ST_UPRIGHT ? M_UPRIGHT : state === ST_SLOUCH ? M_SLOUCH : state === ST_MOVING ? M_MOVING : state === ST_LYING ? M_LYING : M_OFF;
    ms[k] += dt;
    if (state === ST_UPRIGHT || state === ST_SLOUCH) {
      fSum += flex;
      fN++;
      if (flex > fMax) fMax = flex;
    }
  }

  return { event: event, block: block, close: close };
}
