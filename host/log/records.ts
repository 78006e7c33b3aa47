// Decoding log records on the host (format: shared/log-format.ts).
import {
  EVENT_LEN, HOUR_LEN, HOUR_LEN_V1, HOUR_UNIT_S, REC_HOUR, M_ALERTS, M_CORRECTED, M_FLEX_MAX, M_FLEX_MEAN, M_LYING, M_MOVING, M_OFF, M_REPS, M_SETS,
  M_SLOUCH, M_UPRIGHT, MINUTE_LEN, MINUTE_LEN_V1,
  REC_EVENT, REC_HEADER, REC_MINUTE, FLAG_CLOCK_UNSET, recordOk,
} from '../../shared/log-format';

/** Seconds per state, flexion mean and max (0.1 deg), alerts and corrections: a minute's or an hour's. */
export interface StateSummary {
  upright: number;
  slouch: number;
  moving: number;
  lying: number;
  off: number;
  flexMean: number; // 0.1 deg
  flexMax: number;
  alerts: number;
  corrected: number;
  /** Exercise repetitions and completed sets; absent in records from clips before 0.2. */
  reps?: number;
  sets?: number;
}

export interface MinuteRecord extends StateSummary {
  kind: 'minute';
  seq: number;
  t: number; // s
  clockSet: boolean;
}

export interface EventRecord {
  kind: 'event';
  seq: number;
  t: number; // ms
  clockSet: boolean;
  type: number;
  a: number;
  b: number;
}

/** An hour's minutes added up (the hourly ring); state seconds to 15 s. */
export interface HourRecord extends StateSummary {
  kind: 'hour';
  seq: number;
  t: number; // s, start of the hour
  clockSet: boolean;
}

export type LogRecord = MinuteRecord | EventRecord | HourRecord;

/** Splits concatenated records; every one must be whole with a valid CRC, else it throws. */
export function splitRecords(buf: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < buf.length) {
    if (!recordOk(buf, o)) throw new Error(`corrupt record at byte ${o}`);
    out.push(buf.slice(o, o + buf[o]));
    o += buf[o];
  }
  return out;
}

export function decodeRecord(r: Uint8Array): LogRecord {
  const dv = new DataView(r.buffer, r.byteOffset, r.length);
  const seq = dv.getUint32(2, true);
  const t = dv.getUint32(6, true);
  const clockSet = !(r[10] & FLAG_CLOCK_UNSET);
  const p = REC_HEADER;
  // Records from clips before 0.2 are 26 bytes, without the exercise counts.
  const ex = (o: MinuteRecord | HourRecord) => {
    if (r.length === MINUTE_LEN) {
      o.reps = r[p + M_REPS];
      o.sets = r[p + M_SETS];
    }
    return o;
  };
  if (r[1] === REC_MINUTE && (r.length === MINUTE_LEN || r.length === MINUTE_LEN_V1)) {
    return ex({
      kind: 'minute', seq, t, clockSet,
      upright: r[p + M_UPRIGHT], slouch: r[p + M_SLOUCH], moving: r[p + M_MOVING], lying: r[p + M_LYING], off: r[p + M_OFF],
      flexMean: dv.getInt16(p + M_FLEX_MEAN, true), flexMax: dv.getInt16(p + M_FLEX_MAX, true),
      alerts: r[p + M_ALERTS], corrected: r[p + M_CORRECTED],
    });
  }
  if (r[1] === REC_EVENT && r.length === EVENT_LEN) {
    return { kind: 'event', seq, t: t * 1000 + dv.getUint16(p, true), clockSet, type: r[p + 2], a: dv.getInt32(p + 3, true), b: dv.getInt32(p + 7, true) };
  }
  if (r[1] === REC_HOUR && (r.length === HOUR_LEN || r.length === HOUR_LEN_V1)) {
    const q = (k: number) => r[p + k] * HOUR_UNIT_S; // s, to 15 s
    return ex({
      kind: 'hour', seq, t, clockSet,
      upright: q(M_UPRIGHT), slouch: q(M_SLOUCH), moving: q(M_MOVING), lying: q(M_LYING), off: q(M_OFF),
      flexMean: dv.getInt16(p + M_FLEX_MEAN, true), flexMax: dv.getInt16(p + M_FLEX_MAX, true),
      alerts: r[p + M_ALERTS], corrected: r[p + M_CORRECTED],
    });
  }
  throw new Error(`unknown record type ${r[1]} of length ${r.length}`);
}
