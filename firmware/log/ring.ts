// The posture log in flash: a ring of Storage files, each reserved at full size and filled
// by appending records over unwritten (0xFF) bytes, as flash allows. File header (16 bytes):
//   0 'PCL1'  4 u32 file number (increasing)  8 u32 sequence of its first record
//   12 u32 records dropped so far because the ring was full (never silently lost)
// Boot finds the newest file and the end of its records. A record torn by a power cut keeps
// its length byte, fails its CRC, and is stepped over; a garbage length ends the file early.
import { get32, put32, recordOk, REC_CRC, REC_HEADER, sealRecord } from '../../shared/log-format';
import { StorageHal } from '../hal/types';

export const LOG_PREFIX = 'pclog';
export const FILE_HEAD = 16;
const MAGIC = [0x50, 0x43, 0x4c, 0x31];

export interface RingOptions {
  files: number;
  fileSize: number;
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

export function createLogRing(storage: StorageHal, o: RingOptions) {
  let files: FileInfo[] = [];
  let cur: FileInfo | null = null;
  let off = 0, nextSeq = 0, dropped = 0, fileNum = 0, lost = 0;

  /** Walks a file's records: calls fn(buf, offset, ok) for each; returns the end offset and count. */
  function scan(f: FileInfo, fn: ((b: Uint8Array, at: number, ok: number) => void) | null): number[] {
    const b = storage.read(f.name, 0, 0) || new Uint8Array(0);
    let p = FILE_HEAD, n = 0;
    while (p < b.length && b[p] !== 0xff) {
      const len = b[p];
      if (len < REC_HEADER + REC_CRC || p + len > b.length) {
        p = b.length; // garbage: nothing after it can be trusted
        break;
      }
      if (fn) fn(b, p, recordOk(b, p));
      p += len;
      n++;
    }
    return [p, n];
  }

  function dropOldest() {
    const old = files.shift()!;
    dropped += scan(old, null)[1];
    storage.erase(old.name);
  }

  /**
   * Starts a new file. When Storage is full (other files grew) the oldest log files make
   * room; false when even an empty ring cannot get one.
   */
  function newFile(): boolean {
    if (files.length >= o.files) dropOldest();
    const h = new Uint8Array(FILE_HEAD);
    for (let i = 0; i < 4; i++) h[i] = MAGIC[i];
    put32(h, 4, fileNum);
    put32(h, 8, nextSeq);
    const f: FileInfo = { name: LOG_PREFIX + (fileNum % 100), num: fileNum, first: nextSeq, dropped: dropped };
    storage.erase(f.name);
    for (;;) {
      put32(h, 12, dropped);
      f.dropped = dropped;
      if (storage.write(f.name, h, 0, o.fileSize)) break;
      storage.erase(f.name);
      if (!files.length) {
        cur = null;
        return false;
      }
      dropOldest();
    }
    fileNum++;
    files.push(f);
    cur = f;
    off = FILE_HEAD;
    return true;
  }

  /**
   * Seals a record (header and CRC around the payload already in rec) with the next sequence
   * number, which the ring owns, and appends it. Returns -1 when Storage had no room (the
   * sequence number is used up all the same, so the host sees the gap, and the record is
   * counted in status().lost); else the number of records lost before this one since the last
   * report (0 when none), so the caller can log the loss.
   */
  function append(rec: Uint8Array, type: number, t: number, flags: number): number {
    sealRecord(rec, type, nextSeq, t, flags);
    // A new file's header names its first sequence: this record's, so count it up after.
    const room = (cur && off + rec.length <= o.fileSize) || newFile();
    nextSeq++;
    if (!room) {
      lost++;
      return -1;
    }
    if (!storage.write(cur!.name, rec, off, o.fileSize)) {
      cur = null; // the file is gone or damaged: the next record starts a new one
      lost++;
      return -1;
    }
    off += rec.length;
    const n = lost;
    lost = 0;
    return n;
  }

  /** Calls fn(buf, offset, ok) for every record slot with sequence >= from, oldest first. */
  function each(from: number, fn: (b: Uint8Array, at: number, ok: number, seq: number) => void) {
    // One closure for the whole walk, not one per file (TypeScript would wrap a loop body
    // whose closure reads a loop variable in a function of its own).
    let s = 0;
    function visit(b: Uint8Array, at: number, ok: number) {
      if (s >= from) fn(b, at, ok, s);
      s++;
    }
    for (let i = 0; i < files.length; i++) {
      if ((i + 1 < files.length ? files[i + 1].first : nextSeq) <= from) continue;
      s = files[i].first;
      scan(files[i], visit);
    }
  }

  /** Erases whole files whose records all have sequence <= upTo (the host holds them). */
  function eraseUpTo(upTo: number): number {
    let n = 0;
    while (files.length > 1 && files[1].first <= upTo + 1) {
      storage.erase(files.shift()!.name);
      n++;
    }
    return n;
  }

  function status(): LogStatus {
    return {
      nextSeq: nextSeq,
      firstSeq: files.length ? files[0].first : nextSeq,
      dropped: dropped,
      files: files.length,
      bytes: files.length ? (files.length - 1) * o.fileSize + off : 0,
      capacity: o.files * o.fileSize,
      lost: lost,
    };
  }

  function wipe() {
    const names = storage.list(LOG_PREFIX);
    for (let i = 0; i < names.length; i++) storage.erase(names[i]);
    files = [];
    cur = null;
    off = 0;
    dropped = 0;
    lost = 0; // like dropped: a wiped log starts its counts afresh (sequence numbers go on)
  }

  // Open: find the log files, newest last, and the end of the newest one's records. (Inline,
  // as code that runs once at boot need not stay alive as closures on the device.)
  const names = storage.list(LOG_PREFIX);
  for (let i = 0; i < names.length; i++) {
    const h = storage.read(names[i], 0, FILE_HEAD);
    let ok = !!h && h.length >= FILE_HEAD;
    for (let k = 0; ok && k < 4; k++) if (h![k] !== MAGIC[k]) ok = false;
    if (ok) files.push({ name: names[i], num: get32(h!, 4), first: get32(h!, 8), dropped: get32(h!, 12) });
    else storage.erase(names[i]); // a header torn at creation: the file never held records
  }
  files.sort(function (a, b) {
    return a.num - b.num;
  });
  cur = files.length ? files[files.length - 1] : null;
  if (cur) {
    const r = scan(cur, null);
    off = r[0];
    nextSeq = cur.first + r[1];
    dropped = cur.dropped;
    fileNum = cur.num + 1;
  }

  return {
    append: append,
    each: each,
    eraseUpTo: eraseUpTo,
    status: status,
    wipe: wipe,
  };
}
