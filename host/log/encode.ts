// The host's record writer, the inverse of decodeRecord: for synthetic archives (tests, the
// benchmarks) and tools. The device writes the same bytes in firmware/log/logger.ts.
import {
  EVENT_LEN, FLAG_CLOCK_UNSET, HOUR_LEN, HOUR_UNIT_S, REC_HOUR, M_ALERTS, M_CORRECTED, M_FLEX_MAX, M_FLEX_MEAN, M_LYING, M_MOVING, M_OFF, M_SLOUCH, M_UPRIGHT,
  MINUTE_LEN, REC_EVENT, REC_HEADER, REC_MINUTE, sealRecord,
} from '../../shared/log-format';
import { EventRecord, HourRecord, MinuteRecord } from './records';

export function encodeMinute(m: Omit<MinuteRecord, 'kind'>): Uint8Array {
  const b = new Uint8Array(MINUTE_LEN);
  const dv = new DataView(b.buffer);
  const p = REC_HEADER;
  b[p + M_UPRIGHT] = m.upright;
  b[p + M_SLOUCH] = m.slouch;
  b[p + M_MOVING] = m.moving;
  b[p + M_LYING] = m.lying;
  b[p + M_OFF] = m.off;
  dv.setInt16(p + M_FLEX_MEAN, m.flexMean, true);
  dv.setInt16(p + M_FLEX_MAX, m.flexMax, true);
  b[p + M_ALERTS] = m.alerts;
  b[p + M_CORRECTED] = m.corrected;
  sealRecord(b, REC_MINUTE, m.seq, m.t, m.clockSet ? 0 : FLAG_CLOCK_UNSET);
  return b;
}

export function encodeEvent(e: Omit<EventRecord, 'kind'>): Uint8Array {
  const b = new Uint8Array(EVENT_LEN);
  const dv = new DataView(b.buffer);
  const p = REC_HEADER;
  dv.setUint16(p, e.t % 1000, true);
  b[p + 2] = e.type;
  dv.setInt32(p + 3, e.a, true);
  dv.setInt32(p + 7, e.b, true);
  sealRecord(b, REC_EVENT, e.seq, Math.floor(e.t / 1000), e.clockSet ? 0 : FLAG_CLOCK_UNSET);
  return b;
}

/** Seconds are rounded to the record's 15 s unit, as the clip does. */
export function encodeHour(h: Omit<HourRecord, 'kind'>): Uint8Array {
  const b = new Uint8Array(HOUR_LEN);
  const dv = new DataView(b.buffer);
  const p = REC_HEADER;
  [h.upright, h.slouch, h.moving, h.lying, h.off].forEach((v, i) => (b[p + i] = Math.round(v / HOUR_UNIT_S)));
  dv.setInt16(p + M_FLEX_MEAN, h.flexMean, true);
  dv.setInt16(p + M_FLEX_MAX, h.flexMax, true);
  b[p + M_ALERTS] = h.alerts;
  b[p + M_CORRECTED] = h.corrected;
  sealRecord(b, REC_HOUR, h.seq, h.t, h.clockSet ? 0 : FLAG_CLOCK_UNSET);
  return b;
}
