// The therapist's prescription in flash: the config values, the calibrated reference and
// the lock's PIN hash, in two alternating Storage files with a sequence number and a CRC.
// A power cut while writing one leaves the other intact; boot takes the newest valid one.
//   0 u16 magic 'PC'  2 u8 version  3 u8 field count  4 u32 sequence  8 u32 PIN hash (0 = none)
//   12 i16 x3 reference (Q13)  18 i32 per field: value * scale  end: u32 CRC-32
import { checkField, Config, defaultConfig, fieldName, fieldScale, N_FIELDS } from '../shared/config';
import { crc32 } from '../shared/crc';
import { StorageHal } from './hal/types';

// The two Storage files the config alternates between (a name each, not an array: on the
// device an array of two strings costs five variables).
export const CFG_FILE = 'pccfg';
export function cfgFile(k: number): string {
  return CFG_FILE + (k & 1);
}
const MAGIC = 0x4350;
const VERSION = 1;
const HEAD = 18;

export const LOAD_OK = 0;
export const LOAD_MISSING = 1;
export const LOAD_CORRUPT = 2;

export interface Stored {
  config: Config;
  ref: Int16Array;
  pinHash: number;
  /** The record's save counter (set when read from Storage). */
  seq?: number;
  /** LOAD_* */
  fault: number;
}

export function pinHash(pin: string): number {
  const b = new Uint8Array(pin.length + 3);
  b[0] = 0x70;
  b[1] = 0x63;
  b[2] = 0x3a;
  for (let i = 0; i < pin.length; i++) b[i + 3] = pin.charCodeAt(i);
  return crc32(b) || 1;
}

export function encodeConfig(s: Stored, seq: number): Uint8Array {
  const n = N_FIELDS;
  const buf = new Uint8Array(HEAD + 4 * n + 4);
  const dv = new DataView(buf.buffer);
  dv.setUint16(0, MAGIC, true);
  buf[2] = VERSION;
  buf[3] = n;
  dv.setUint32(4, seq, true);
  dv.setUint32(8, s.pinHash, true);
  for (let i = 0; i < 3; i++) dv.setInt16(12 + 2 * i, s.ref[i], true);
  for (let i = 0; i < n; i++) dv.setInt32(HEAD + 4 * i, Math.round(s.config[fieldName(i)] * fieldScale(i)), true);
  dv.setUint32(buf.length - 4, crc32(buf.subarray(0, buf.length - 4)), true);
  return buf;
}

/** The record in buf, or null when it is not a whole, valid record; seq gets its sequence. */
export function decodeConfig(buf: Uint8Array | undefined): Stored | null {
  if (!buf || buf.length < HEAD + 4) return null;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  if (dv.getUint16(0, true) !== MAGIC || buf[2] !== VERSION) return null;
  const n = buf[3];
  const len = HEAD + 4 * n + 4;
  if (buf.length < len || crc32(buf.subarray(0, len - 4)) !== dv.getUint32(len - 4, true)) return null;
  const c = defaultConfig();
  let fault = LOAD_OK;
  // Fields this firmware does not know are ignored; fields the record lacks keep defaults.
  for (let i = 0; i < n && i < N_FIELDS; i++) {
    const v = dv.getInt32(HEAD + 4 * i, true) / fieldScale(i);
    const name = fieldName(i);
    if (checkField(name, v)) fault = LOAD_CORRUPT;
    else c[name] = v;
  }
  const ref = new Int16Array(3);
  for (let i = 0; i < 3; i++) ref[i] = dv.getInt16(12 + 2 * i, true);
  return { config: c, ref: ref, pinHash: dv.getUint32(8, true), fault: fault, seq: dv.getUint32(4, true) };
}

export function createConfigStore(storage: StorageHal) {
  let seq = 0;

  function load(): Stored {
    let best: Stored | null = null, bestSeq = -1, seen = 0;
    for (let i = 0; i < 2; i++) {
      const buf = storage.read(cfgFile(i), 0, 0);
      if (buf) seen++;
      const s = decodeConfig(buf);
      if (s && s.seq! > bestSeq) {
        best = s;
        bestSeq = s.seq!;
      }
    }
    if (best) {
      seq = bestSeq;
      return best;
    }
    return { config: defaultConfig(), ref: new Int16Array(3), pinHash: 0, fault: seen ? LOAD_CORRUPT : LOAD_MISSING };
  }

  function save(s: Stored) {
    seq++;
    storage.write(cfgFile(seq), encodeConfig(s, seq), 0, 0);
  }

  function erase() {
    storage.erase(cfgFile(0));
    storage.erase(cfgFile(1));
    seq = 0;
  }

  return { load: load, save: save, erase: erase };
}
