// The posture log's record format, shared by the device (writer) and the host (reader).
// Little-endian. This is the form the clip sends and the archive keeps; in its own flash the
// clip keeps them packed (shared/log-pack.ts). Every record:
//   0  u8   length of the whole record in bytes (header + payload + CRC)
//   1  u8   type (REC_*)
//   2  u32  sequence number, +1 per record, never reused (survives file drops)
//   6  u32  device time, s (seconds since 1970 once the host set the clock, else since boot)
//   10 u8   flags: bit 0 = clock not set by the host yet
//   11 ...  payload
//   -4 u32  CRC-32 of every byte before it
import { crc32 } from './crc';

export const REC_HEADER = 11;
export const REC_CRC = 4;
export const REC_MINUTE = 1;
export const REC_EVENT = 2;
export const REC_HOUR = 3;
export const FLAG_CLOCK_UNSET = 1;

// Minute payload: seconds upright, slouched, moving, lying, off (u8 each, 0..60), flexion mean
// and max (i16, 0.1 deg, over worn, still seconds), alerts, corrections, exercise repetitions
// and completed exercise sets (u8). Clips before 0.2 sent the first 11 bytes only (26-byte
// records, no exercise counts); the length tells the two apart.
export const MINUTE_PAYLOAD = 13;
export const MINUTE_LEN = REC_HEADER + MINUTE_PAYLOAD + REC_CRC; // 28
export const MINUTE_LEN_V1 = 26;
// Event payload: ms within the second (u16), event type (u8), a, b (i32 each).
export const EVENT_PAYLOAD = 11;
export const EVENT_LEN = REC_HEADER + EVENT_PAYLOAD + REC_CRC; // 26

// Hour payload (a ring of its own, so weeks of history outlast the minutes): the minute
// payload's layout over a clock hour, the hour's minutes added up. Time in each state in units
// of HOUR_UNIT_S (u8, 0..240), flexion mean (over the hour's still blocks) and max (i16,
// 0.1 deg), alerts, corrections, repetitions, completed sets (u8, capped at 255). t is the start of the hour; a restart or a clock change can split an hour into two
// records, which a reader adds up.
export const HOUR_UNIT_S = 15;
export const HOUR_LEN = MINUTE_LEN; // told apart by type (HOUR_LEN_V1 = 26 before 0.2)
export const HOUR_LEN_V1 = MINUTE_LEN_V1;

export const M_UPRIGHT = 0;
export const M_SLOUCH = 1;
export const M_MOVING = 2;
export const M_LYING = 3;
export const M_OFF = 4;
// Byte offsets within the payload.
export const M_FLEX_MEAN = 5; // i16
export const M_FLEX_MAX = 7; // i16
export const M_ALERTS = 9;
export const M_CORRECTED = 10;
export const M_REPS = 11;
export const M_SETS = 12;

/** Little-endian u32 at b[o..o+3] (byte by byte: no DataView made per record on the device). */
export function get32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** Writes the low 16 bits of v (signed or not) little-endian at b[o..o+1]. */
export function put16(b: Uint8Array, o: number, v: number) {
  b[o] = v & 255;
  b[o + 1] = (v >> 8) & 255;
}

export function put32(b: Uint8Array, o: number, v: number) {
  b[o] = v & 255;
  b[o + 1] = (v >>> 8) & 255;
  b[o + 2] = (v >>> 16) & 255;
  b[o + 3] = (v >>> 24) & 255;
}

/** Writes the header and CRC around a payload already in buf[REC_HEADER..]. */
export function sealRecord(buf: Uint8Array, type: number, seq: number, t: number, flags: number): void {
  const end = buf.length - 4;
  buf[0] = buf.length;
  buf[1] = type;
  put32(buf, 2, seq);
  put32(buf, 6, t);
  buf[10] = flags;
  put32(buf, end, crc32(buf.subarray(0, end)));
}

/** 1 when the record at buf[o..] is whole and its CRC matches, 0 when torn or corrupt. */
export function recordOk(buf: Uint8Array, o: number): number {
  const len = buf[o];
  if (len < REC_HEADER + REC_CRC || o + len > buf.length) return 0;
  return crc32(buf.subarray(o, o + len - 4)) === get32(buf, o + len - 4) ? 1 : 0;
}
