// How the clip keeps log records in its own flash (log files 'PCL2'): packed, about a third of
// the size of the records it sends (shared/log-format.ts), which it rebuilds when pulled, so
// the host and the archive never see this layout. Every packed record:
//   0  u8  length of the whole packed record (3..32); 0xFF = nothing written here yet
//   1  u8  kind (top 3 bits, K_*) and kind-specific flags (low 5 bits)
//   .. the kind's fields (below)
//   -1 u8  check: how many 0 bits the bytes before it hold (a Berger code)
// No sequence number and no full time: a record's sequence is its place in the file (the file
// header names the first), and its time an offset from the latest time record (K_TIME) before
// it in the same file. Every file starts with one, so dropping old files loses no base.
//
// Why a one-byte check is enough against power cuts (docs/firmware.md has it in full):
// records are appended over erased NOR flash, where unwritten bits read 1 and programming
// can only turn 1s into 0s. A write cut short leaves some of the record's 0 bits still 1,
// never the reverse. Such an error can only lower the count of 0 bits in the data, and only
// raise the stored check (its own bits too can only stay 1): the two then differ unless
// nothing was lost. A torn length byte can only grow, which moves the check onto an
// unwritten 0xFF byte (255 is more 0 bits than any 31 bytes can have). Random bit flips from
// worn flash are another matter: every single flip is caught, not every pair.
//
// Few functions with few parameters, loops instead of helpers: on Espruino each function and
// each parameter name is a variable held for good.
import { get32, MINUTE_LEN, M_REPS, M_SETS, put16, put32, REC_EVENT, REC_HEADER, REC_HOUR, REC_MINUTE } from './log-format';

export const K_TIME = 1;
export const K_MINUTE = 2;
export const K_EVENT = 3;
export const K_HOUR = 4;
export const PACK_MAX = 32;
export const TIME_LEN = 7;

// Minute and hour flags (low bits of byte 1).
const F_MIXED = 1; // more than one state: all five state times follow (else one state had the whole minute)
const F_FLEX = 2; // flexion mean and max follow (else both 0: no still, worn time)
const F_COUNTS = 4; // alerts and corrections follow (else both 0)
const F_EXERCISE = 8; // exercise repetitions and completed sets follow (else both 0)

// The payload of the records the clip sends (log-format.ts): state times at P + 0..4, flexion
// mean and max (i16) at P + 5 and P + 7, alerts and corrections at P + 9 and P + 10.
const P = REC_HEADER;

/** The count of 0 bits in b[o..o+n). */
export function zeroBits(b: Uint8Array, o: number, n: number): number {
  let z = 0;
  for (let i = o; i < o + n; i++) for (let v = ~b[i] & 255; v; v &= v - 1) z++;
  return z;
}

/** 1 when the packed record at b[o..] is whole and its check matches. */
export function packedOk(b: Uint8Array, o: number): number {
  const len = b[o];
  return len >= 3 && len <= PACK_MAX && o + len <= b.length && zeroBits(b, o, len - 1) === b[o + len - 1] ? 1 : 0;
}

/**
 * Packs a record the clip would send (w: header and payload; its CRC is not used) against the
 * time base (s) into out; returns the packed length, or 0 when its time is before the base or
 * too far after it (then the caller writes a new time record first). w null: a time record
 * for base itself, with the flags given.
 */
export function packRecord(w: Uint8Array | null, out: Uint8Array, base: number, flags?: number): number {
  let n = 2, f = 0;
  if (!w) {
    out[1] = (K_TIME << 5) | (flags! & 31);
    put32(out, 2, base);
    n = 6;
  } else {
    const type = w[1];
    const t = get32(w, 6);
    if (t < base) return 0;
    if (type === REC_EVENT) {
      const ms = (t - base) * 1000 + (w[P] | (w[P + 1] << 8));
      if (ms > 0xffffff) return 0; // 4.6 h: a new base
      out[2] = ms & 255;
      out[3] = (ms >> 8) & 255;
      out[4] = ms >> 16;
      out[5] = w[P + 2];
      n = 6;
      // a, then b: 0, 1, 2 or 4 bytes each, as their value needs (sizes 0..3 in the flags).
      for (let k = 0; k < 2; k++) {
        const v = get32(w, P + 3 + 4 * k) | 0;
        const size = v === 0 ? 0 : v >= -128 && v < 128 ? 1 : v >= -32768 && v < 32768 ? 2 : 3;
        f |= size << (2 * k);
        for (let i = 0; i < (size > 2 ? 4 : size); i++) out[n++] = (v >> (8 * i)) & 255;
      }
      out[1] = (K_EVENT << 5) | f;
    } else {
      const min = (t - base) / 60;
      const hour = type === REC_HOUR;
      if (min !== Math.floor(min) || min >= (hour ? 65536 : 8192)) return 0;
      n = 4;
      // One state with the whole minute, the others 0: its index rides in the offset's top bits.
      let one = -1;
      if (!hour) for (let i = 0; i < 5; i++) if (w[P + i] === 60) one = i;
      for (let i = 0; one >= 0 && i < 5; i++) if (i !== one && w[P + i]) one = -1;
      if (hour) for (let i = 0; i < 5; i++) out[n++] = w[P + i];
      else if (one < 0) {
        f = F_MIXED;
        const v = w[P] | (w[P + 1] << 6) | (w[P + 2] << 12) | (w[P + 3] << 18) | (w[P + 4] << 24);
        for (let i = 0; i < 4; i++) out[n++] = (v >> (8 * i)) & 255;
      }
      const mean = w[P + 5] | (w[P + 6] << 8), max = w[P + 7] | (w[P + 8] << 8);
      if (mean | max) {
        f |= F_FLEX;
        out[n++] = mean & 255;
        out[n++] = ((mean >> 8) & 15) | ((max & 15) << 4);
        out[n++] = (max >> 4) & 255;
      }
      if (w[P + 9] | w[P + 10]) {
        f |= F_COUNTS;
        out[n++] = w[P + 9];
        out[n++] = w[P + 10];
      }
      if (w[0] >= MINUTE_LEN && (w[P + M_REPS] | w[P + M_SETS])) {
        f |= F_EXERCISE;
        out[n++] = w[P + M_REPS];
        out[n++] = w[P + M_SETS];
      }
      out[1] = ((hour ? K_HOUR : K_MINUTE) << 5) | f;
      put16(out, 2, hour ? min : min | ((one < 0 ? 0 : one) << 13));
    }
  }
  out[0] = n + 1;
  out[n] = zeroBits(out, 0, n);
  return n + 1;
}

/** A time record: later records' times count from t (s, a whole minute); flags as the records' byte 10. */
export function packTime(out: Uint8Array, t: number, flags: number): number {
  return packRecord(null, out, t, flags);
}

/**
 * Rebuilds the sent form of the packed record at c[o..] (not a time record) into w, a buffer of
 * 26 bytes for an event or 28 for a minute or an hour: time from base (s) and payload; the
 * caller seals it (sealRecord: type, seq, flags, CRC). Returns the record type.
 */
export function unpackRecord(c: Uint8Array, o: number, base: number, w: Uint8Array): number {
  const kind = c[o + 1] >> 5, f = c[o + 1] & 31;
  for (let i = P; i < w.length; i++) w[i] = 0;
  if (kind === K_EVENT) {
    const ms = c[o + 2] | (c[o + 3] << 8) | (c[o + 4] << 16);
    put32(w, 6, base + Math.floor(ms / 1000));
    put16(w, P, ms % 1000);
    w[P + 2] = c[o + 5];
    // a, then b, sign-extended from 0, 1, 2 or 4 bytes.
    for (let k = 0, n = o + 6; k < 2; k++) {
      const size = (f >> (2 * k)) & 3, len = size > 2 ? 4 : size;
      let v = 0;
      for (let i = 0; i < len; i++) v |= c[n++] << (8 * i);
      if (len && len < 4) v = (v << (32 - 8 * len)) >> (32 - 8 * len);
      put32(w, P + 3 + 4 * k, v);
    }
    return REC_EVENT;
  }
  const hour = kind === K_HOUR;
  const off = c[o + 2] | (c[o + 3] << 8);
  put32(w, 6, base + 60 * (hour ? off : off & 8191));
  let n = o + 4;
  if (hour) for (let i = 0; i < 5; i++) w[P + i] = c[n++];
  else if (f & F_MIXED) {
    const v = c[n] | (c[n + 1] << 8) | (c[n + 2] << 16) | (c[n + 3] << 24);
    for (let i = 0; i < 5; i++) w[P + i] = (v >> (6 * i)) & 63;
    n += 4;
  } else w[P + (off >> 13)] = 60;
  if (f & F_FLEX) {
    put16(w, P + 5, ((c[n] | ((c[n + 1] & 15) << 8)) << 20) >> 20);
    put16(w, P + 7, (((c[n + 1] >> 4) | (c[n + 2] << 4)) << 20) >> 20);
    n += 3;
  }
  if (f & F_COUNTS) {
    w[P + 9] = c[n++];
    w[P + 10] = c[n++];
  }
  if (f & F_EXERCISE) {
    w[P + M_REPS] = c[n++];
    w[P + M_SETS] = c[n++];
  }
  return hour ? REC_HOUR : REC_MINUTE;
}
