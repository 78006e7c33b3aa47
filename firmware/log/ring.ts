// A log in flash: a ring of Storage files, each reserved at full size and filled by
// appending records over unwritten (0xFF) bytes, as flash allows. File header (16 bytes):
//   0 'PCL2'  4 u32 file number (increasing)  8 u32 sequence of its first record
//   12 u32 records dropped so far because the ring was full (never silently lost)
// Records are kept packed (shared/log-pack.ts) and rebuilt in the form the clip sends when
// read. Files of the first format ('PCL1', records as sent, CRC-32 each), left by firmware
// before 0.2, are still read, never appended to.
// Boot finds the newest file and the end of its records. A record torn by a power cut keeps
// its length byte, fails its check, and is stepped over; a garbage length ends the file early.
//
// The clip keeps two rings (minutes and events; hourly summaries), so the methods live once
// on a shared prototype and a ring is only its state: on Espruino each closure made per ring
// would cost ~70 variables a ring, the state object ~20.
import { get32, put32, recordOk, REC_CRC, REC_HEADER, sealRecord } from '../../shared/log-format';
import { K_EVENT, K_TIME, packRecord, PACK_MAX, TIME_LEN, unpackRecord, zeroBits } from '../../shared/log-pack';
import { StorageHal } from '../hal/types';

export const LOG_PREFIX = 'pclog';
export const HOUR_PREFIX = 'pchr';
export const FILE_HEAD = 16;
const MAGIC = [0x50, 0x43, 0x4c, 0x32]; // 'PCL2'; 'PCL1' (0x31) files are read as they are

export interface RingOptions {
  files: number;
  fileSize: number;
  /** Storage file names are prefix + a number (LOG_PREFIX when absent). */
  prefix?: string;
}

export interface LogStatus {
  nextSeq: number;
  firstSeq: number;
  dropped: number;
  files: number;
  bytes: number;
  capacity: number;
  /** Records that could not be written since the last report (Storage full), never silently. */
  lost: number;
}

interface FileInfo {
  name: string;
  num: number;
  first: number;
  dropped: number;
}

// Packing happens one record at a time, so both rings share one buffer.
const PK = new Uint8Array(PACK_MAX);

// The state's property names are shortened in device bundles (firmware/build/bundle.ts);
// none of them is a reply key.
interface RingState {
  storage: StorageHal;
  prefix: string;
  maxFiles: number;
  fileSize: number;
  held: FileInfo[];
  cur: FileInfo | null;
  off: number;
  nextNum: number;
  dropCount: number;
  fileNum: number;
  lostCount: number;
  /** The current file's time base (s) and its flags; -1: none yet, a time record comes first. */
  baseT: number;
  baseF: number;
}

/**
 * Walks a file's records: calls fn(buf, offset, ok, base) for each (not for time records, which
 * only move the base that later records count from); returns the end offset, the count, and
 * the time base and flags in force at the end (-1: none).
 */
function scan(r: RingState, f: FileInfo, fn: ((b: Uint8Array, at: number, ok: number, base: number, flags: number) => boolean) | null): number[] {
  const b = r.storage.read(f.name, 0, 0) || new Uint8Array(0);
  const v1 = b[3] === 0x31; // a file of the first format ('PCL1')
  let p = FILE_HEAD, n = 0, base = -1, flags = 0;
  while (p < b.length && b[p] !== 0xff) {
    const len = b[p];
    if (v1 ? len < REC_HEADER + REC_CRC || p + len > b.length : len < 3 || len > PACK_MAX || p + len > b.length) {
      p = b.length; // garbage: nothing after it can be trusted
      break;
    }
    const ok = v1 ? recordOk(b, p) : zeroBits(b, p, len - 1) === b[p + len - 1] ? 1 : 0;
    if (!v1 && ok && b[p + 1] >> 5 === K_TIME) {
      base = get32(b, p + 2);
      flags = b[p + 1] & 31;
    } else {
      n++;
      if (fn && fn(b, p, ok, base, flags)) break; // the caller has what it wanted
    }
    p += len;
  }
  return [p, n, base, flags];
}

function dropOldest(r: RingState) {
  const old = r.held.shift()!;
  r.dropCount += scan(r, old, null)[1];
  r.storage.erase(old.name);
}

/**
 * Starts a new file. When Storage is full (other files grew) the oldest files make room;
 * false when even an empty ring cannot get one.
 */
function newFile(r: RingState): boolean {
  if (r.held.length >= r.maxFiles) dropOldest(r);
  const h = new Uint8Array(FILE_HEAD);
  for (let i = 0; i < 4; i++) h[i] = MAGIC[i];
  put32(h, 4, r.fileNum);
  put32(h, 8, r.nextNum);
  const f: FileInfo = { name: r.prefix + (r.fileNum % 100), num: r.fileNum, first: r.nextNum, dropped: r.dropCount };
  r.storage.erase(f.name);
  for (;;) {
    put32(h, 12, r.dropCount);
    f.dropped = r.dropCount;
    if (r.storage.write(f.name, h, 0, r.fileSize)) break;
    r.storage.erase(f.name);
    if (!r.held.length) {
      r.cur = null;
      return false;
    }
    dropOldest(r);
  }
  r.fileNum++;
  r.held.push(f);
  r.cur = f;
  r.off = FILE_HEAD;
  r.baseT = -1;
  return true;
}

// Methods, shared by every ring (`this` is the ring's state).
const RING = {
  /**
   * Seals a record (header and CRC around the payload already in rec) with the next sequence
   * number, which the ring owns, and appends it. Returns -1 when Storage had no room (the
   * sequence number is used up all the same, so the host sees the gap, and the record is
   * counted in status().lost); else the number of records lost before this one since the last
   * report (0 when none), so the caller can log the loss.
   */
  append: function (this: RingState, rec: Uint8Array, type: number, t: number, flags: number): number {
    const r = this; // shorter than `this` in the bundle
    sealRecord(rec, type, r.nextNum, t, flags);
    // Packed against the file's time base; a new base (a time record) first when there is none
    // yet, the clock's flags changed, or the time falls outside what an offset holds.
    let n = r.cur && r.baseT >= 0 && r.baseF === flags ? packRecord(rec, PK, r.baseT) : 0;
    let base = -1;
    if (!(r.cur && n && r.off + n <= r.fileSize)) {
      // A new file's header names its first sequence: this record's, so count it up after.
      if (!((r.cur && r.off + TIME_LEN + PACK_MAX <= r.fileSize) || newFile(r))) n = 0;
      else {
        base = t - (t % 60);
        n = packRecord(null, PK, base, flags);
      }
    }
    r.nextNum++;
    // One or two writes: the time record, then the record itself.
    for (let k = base < 0 ? 1 : 0; n && k < 2; k++) {
      if (!r.storage.write(r.cur!.name, PK.subarray(0, n), r.off, r.fileSize)) {
        r.cur = null; // the file is gone or damaged: the next record starts a new one
        n = 0;
        break;
      }
      r.off += n;
      if (!k) {
        r.baseT = base;
        r.baseF = flags;
        n = packRecord(rec, PK, base);
      }
    }
    if (!n) {
      r.lostCount++;
      return -1;
    }
    const lost = r.lostCount;
    r.lostCount = 0;
    return lost;
  },

  /** Calls fn(buf, offset, ok, seq) for every record slot with sequence >= from, oldest first, until fn returns true. */
  each: function (this: RingState, from: number, fn: (b: Uint8Array, at: number, ok: number, seq: number) => unknown) {
    const r = this; // shorter than `this` in the bundle
    // Packed records are rebuilt, CRC and all, into one of two buffers (events are shorter).
    const ev = new Uint8Array(26), sm = new Uint8Array(28);
    // One closure for the whole walk, not one per file (TypeScript would wrap a loop body
    // whose closure reads a loop variable in a function of its own). fn returning true (not
    // just truthy) ends the walk: a pull takes 16 records, and rebuilding the rest of the ring for each would
    // cost the interpreter seconds.
    let s = 0, stop = false;
    function visit(b: Uint8Array, at: number, ok: number, base: number, flags: number) {
      if (s >= from) {
        if (b[3] === 0x31) stop = fn(b, at, ok, s) === true; // 'PCL1': records as sent
        else if (!ok || base < 0) stop = fn(b, at, 0, s) === true; // torn, or no time to count from
        else {
          const w = b[at + 1] >> 5 === K_EVENT ? ev : sm;
          const type = unpackRecord(b, at, base, w);
          sealRecord(w, type, s, get32(w, 6), flags);
          stop = fn(w, 0, 1, s) === true;
        }
      }
      s++;
      return stop;
    }
    const files = r.held;
    for (let i = 0; i < files.length && !stop; i++) {
      if ((i + 1 < files.length ? files[i + 1].first : r.nextNum) <= from) continue;
      s = files[i].first;
      scan(r, files[i], visit);
    }
  },

  /** Erases whole files whose records all have sequence <= upTo (the host holds them). */
  eraseUpTo: function (this: RingState, upTo: number): number {
    const r = this; // shorter than `this` in the bundle
    let n = 0;
    while (r.held.length > 1 && r.held[1].first <= upTo + 1) {
      r.storage.erase(r.held.shift()!.name);
      n++;
    }
    return n;
  },

  status: function (this: RingState): LogStatus {
    const r = this; // shorter than `this` in the bundle
    const n = r.held.length;
    return {
      nextSeq: r.nextNum,
      firstSeq: n ? r.held[0].first : r.nextNum,
      dropped: r.dropCount,
      files: n,
      bytes: n ? (n - 1) * r.fileSize + r.off : 0,
      capacity: r.maxFiles * r.fileSize,
      lost: r.lostCount,
    };
  },

  /** Gives up the oldest file (its records counted as dropped) when more than one is held. */
  shed: function (this: RingState): boolean {
    const r = this; // shorter than `this` in the bundle
    if (r.held.length < 2) return false;
    dropOldest(r);
    return true;
  },

  /**
   * Erases every record. The sequence numbers go on: an empty file is started at once, its
   * header naming the next number, so a reboot before the next record cannot take them back
   * to 0 under records the host already holds (it sees the wiped ones as a jump in firstSeq).
   */
  wipe: function (this: RingState) {
    const r = this; // shorter than `this` in the bundle
    const names = r.storage.list(r.prefix);
    for (let i = 0; i < names.length; i++) r.storage.erase(names[i]);
    r.held = [];
    r.cur = null;
    r.off = 0;
    r.dropCount = 0;
    r.lostCount = 0; // like dropped: a wiped log starts its counts afresh
    newFile(r);
  },
};

export type LogRing = RingState & typeof RING;

/** Opens the ring of files named o.prefix + n: finds them, newest last, and the end of the newest one's records. */
export function createLogRing(storage: StorageHal, o: RingOptions): LogRing {
  const r = Object.create(RING) as LogRing;
  r.storage = storage;
  r.prefix = o.prefix || LOG_PREFIX;
  r.maxFiles = o.files;
  r.fileSize = o.fileSize;
  r.held = [];
  r.cur = null;
  r.off = r.nextNum = r.dropCount = r.fileNum = r.lostCount = r.baseF = 0;
  r.baseT = -1;
  const names = storage.list(r.prefix);
  for (let i = 0; i < names.length; i++) {
    const h = storage.read(names[i], 0, FILE_HEAD);
    let ok = !!h && h.length >= FILE_HEAD;
    for (let k = 0; ok && k < 3; k++) if (h![k] !== MAGIC[k]) ok = false;
    if (ok && (h![3] === 0x31 || h![3] === 0x32)) r.held.push({ name: names[i], num: get32(h!, 4), first: get32(h!, 8), dropped: get32(h!, 12) });
    else storage.erase(names[i]); // a header torn at creation: the file never held records
  }
  r.held.sort(function (a, b) {
    return a.num - b.num;
  });
  const cur = (r.cur = r.held.length ? r.held[r.held.length - 1] : null);
  if (cur) {
    const e = scan(r, cur, null);
    r.off = e[0];
    r.nextNum = cur.first + e[1];
    r.baseT = e[2];
    r.baseF = e[3];
    // A file of the first format is read, never appended to: the next record starts a new one.
    const v = r.storage.read(cur.name, 3, 1);
    if (v && v[0] === 0x31) r.cur = null;
    r.dropCount = cur.dropped;
    r.fileNum = cur.num + 1;
  }
  return r;
}
