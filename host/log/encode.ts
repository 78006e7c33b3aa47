// The host's record writer, the inverse of decodeRecord: for synthetic archives (tests, the
// benchmarks) and tools. The device writes the same bytes in firmware/log/logger.ts.
import {
  EVENT_LEN, FLAG_CLOCK_UNSET, HOUR_UNIT_S, REC_HOUR, M_ALERTS, M_CORRECTED, M_REPS, M_SETS, M_FLEX_MAX, M_FLEX_MEAN, M_LYING, M_MOVING, M_OFF, M_SLOUCH, M_UPRIGHT,
  MINUTE_LEN, REC_EVENT, REC_HEADER, REC_MINUTE, sealRecord,
} from '../../shared/log-format';
import { EventRecord, HourRecord, MinuteRecord } from './records';

/** A minute's or an hour's summary (the same layout); state seconds divided by unit. */
function encodeSummary(type: number, unit: number, m: Omit<MinuteRecord, 'kind'> | Omit<HourRecord, 'kind'>): Uint8Array {
  const b = new Uint8Array(MINUTE_LEN);
  const dv = new DataView(b.buffer);
  const p = REC_HEADER;
  const states: [number, number][] = [[M_UPRIGHT, m.upright], [M_SLOUCH, m.slouch], [M_MOVING, m.moving], [M_LYING, m.lying], [M_OFF, m.off]];
  for (const [k, v] of states) b[p + k] = Math.round(v / unit);
  dv.setInt16(p + M_FLEX_MEAN, m.flexMean, true);
  dv.setInt16(p + M_FLEX_MAX, m.flexMax, true);
  b[p + M_ALERTS] = m.alerts;
  b[p + M_CORRECTED] = m.corrected;
  b[p + M_REPS] = m.reps ?? 0;
  b[p + M_SETS] = m.sets ?? 0;
  sealRecord(b, type, m.seq, m.t, m.clockSet ? 0 : FLAG_CLOCK_UNSET);
  return b;
}

export function encodeMinute(m: Omit<MinuteRecord, 'kind'>): Uint8Array {
  return encodeSummary(REC_MINUTE, 1, m);
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
  return encodeSummary(REC_HOUR, HOUR_UNIT_S, h);
}
