// The therapist's prescription in flash: the config values, the calibrated reference and
// the lock's PIN hash, in two alternating Storage files with a sequence number and a CRC.
// A power cut while writing one leaves the other intact; boot takes the newest valid one.
//
// A record is one protocol frame (shared/protocol.ts), i.e. JSON and its CRC-32:
//   {"v":2,"seq":<save counter>,"pin":<PIN hash, 0 = none>,"ref":[x,y,z],"cfg":[<value of field 0>,...]}|<crc32 hex>
// JSON because the interpreter parses and writes it natively: the record costs ~200 bytes of
// flash instead of ~100, and the code to read and write it a fifth of a binary layout's.
// Values in the config table's order (append-only, so a longer list from newer firmware reads
// its known fields); version 1 kept them by name ({<field>:<value>}) and still reads.
import { checkField, Config, defaultConfig, fieldIndex, fieldName, N_FIELDS } from '../shared/config';
import { crc32 } from '../shared/crc';
import { frame, unframe } from '../shared/protocol';
import { StorageHal } from './hal/types';

// The two Storage files the config alternates between (a name each, not an array: on the
// device an array of two strings costs five variables).
export const CFG_FILE = 'pccfg';
export function cfgFile(k: number): string {
  return CFG_FILE + (k & 1);
}
const VERSION = 2;

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
  return crc32('pc:' + pin) || 1;
}

export function encodeConfig(s: Stored, seq: number): Uint8Array {
  const r = s.ref;
  const v: number[] = [];
  for (let i = 0; i < N_FIELDS; i++) v.push(s.config[fieldName(i)]);
  const t = frame(JSON.stringify({ v: VERSION, seq: seq, pin: s.pinHash, ref: [r[0], r[1], r[2]], cfg: v }));
  const b = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) b[i] = t.charCodeAt(i);
  return b;
}

/** The record in buf, or null when it is not a whole, valid record; seq gets its sequence. */
export function decodeConfig(buf: Uint8Array | undefined): Stored | null {
  if (!buf) return null;
  let t = '';
  for (let i = 0; i < buf.length && buf[i] !== 10; i++) t += String.fromCharCode(buf[i]);
  const json = unframe(t);
  if (json === null) return null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let o: any;
  try {
    o = JSON.parse(json);
  } catch (e) {
    return null;
  }
  if (!o || (o.v !== 1 && o.v !== VERSION) || typeof o.cfg !== 'object' || !o.cfg || !o.ref || o.ref.length !== 3) return null;
  const c = defaultConfig();
  let fault = LOAD_OK;
  // Fields this firmware does not know are ignored; fields the record lacks keep defaults.
  // An array (version 2) lists values by field index; an object (version 1) by name.
  for (const k in o.cfg) {
    const name = o.v === 1 ? k : +k < N_FIELDS ? fieldName(+k) : '';
    if (fieldIndex(name) < 0) continue;
    if (checkField(name, o.cfg[k])) fault = LOAD_CORRUPT;
    else c[name] = o.cfg[k];
  }
  return { config: c, ref: new Int16Array(o.ref), pinHash: o.pin >>> 0, fault: fault, seq: o.seq >>> 0 };
}

/**
 * room: asked when Storage is too full for a save; shed() gives up its oldest log file and
 * says whether it did. The prescription matters more than the oldest minutes.
 */
export function createConfigStore(storage: StorageHal, room?: { shed(): boolean }) {
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

  /**
   * False when Storage had no room even after room gave up all it could. Espruino has then
   * erased the file being replaced, the older copy; the counter stays, so a second failure
   * falls on that slot again and never on the newest copy.
   */
  function save(s: Stored): boolean {
    const rec = encodeConfig(s, seq + 1);
    while (!storage.write(cfgFile(seq + 1), rec, 0, 0)) if (!room || !room.shed()) return false;
    seq++;
    return true;
  }

  function erase() {
    storage.erase(cfgFile(0));
    storage.erase(cfgFile(1));
    seq = 0;
  }

  return { load: load, save: save, erase: erase };
}
