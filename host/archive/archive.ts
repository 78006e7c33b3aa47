// The local archive of pulled logs. Layout, one folder per device id:
//   ARCHIVE/<id>/records.bin   every record as the clip wrote it (self-delimiting, CRC-32),
//                              appended in sequence order, never rewritten
//   ARCHIVE/<id>/state.json    {"id","next","records","gaps","torn","dropped","pulls":[...]},
//                              replaced atomically (temp file + rename)
//   ARCHIVE/<id>/hours.bin     the clip's hourly ring, kept the same way (its own sequence
//   ARCHIVE/<id>/hours.json    numbers), with its own state file
// records.bin is the truth: opening the archive walks it, cuts a torn tail left by a crash
// mid-append, and takes the next sequence from the last whole record, so a pull killed at
// any point is completed by the next one without a gap or a duplicate.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { get32, recordOk } from '../../shared/log-format';
import { InputError } from '../cli/errors';

export interface ArchiveState {
  id: string;
  next: number;
  records: number;
  /** Sequence ranges the archive will never have (lost on the device), [from, to]. */
  gaps: [number, number][];
  torn: number;
  dropped: number;
  /** clockOffsetS: the clip's clock minus the computer's at the pull (null when never set); rate: a
   *  virtual clip running faster than real time, whose offset then means little. */
  pulls: { at: string; records: number; from: number; to: number; clockOffsetS?: number | null; rate?: number }[];
  /** Spans of records.bin found damaged mid-file: left out of it, the original kept as savedAs. */
  damaged?: { at: number; bytes: number; savedAs: string }[];
  /** What the clip said at the latest pull: firmware, board, IMU, config hash, the prescription. */
  device?: { fw: string; board: string; imu: string; cfgHash: number; config?: Record<string, number> };
}

export function deviceDir(archive: string, id: string): string {
  if (!/^[0-9a-f]{8}$/.test(id)) throw new InputError(`refusing device id "${id}": expected 8 hex digits`);
  const root = resolve(archive);
  const dir = resolve(root, id);
  if (!dir.startsWith(root + sep)) throw new InputError(`device id "${id}" would leave the archive`);
  return dir;
}

/** The sequence number of the record at b[o..] (bytes 2..5 of its header). */
function seqOf(b: Uint8Array, o: number): number {
  return get32(b, o + 2);
}

/** The two logs a clip keeps: minutes and events ('records'), and hourly summaries. */
export type ArchiveLog = 'records' | 'hours';

export function archiveFiles(log: ArchiveLog): { bin: string; state: string } {
  return log === 'hours' ? { bin: 'hours.bin', state: 'hours.json' } : { bin: 'records.bin', state: 'state.json' };
}

/** Opens (and repairs) one of a device's logs in its archive folder. */
export function openDeviceArchive(archive: string, id: string, log: ArchiveLog = 'records') {
  const dir = deviceDir(archive, id);
  mkdirSync(dir, { recursive: true });
  const names = archiveFiles(log);
  const bin = join(dir, names.bin);
  const stateFile = join(dir, names.state);
  let state: ArchiveState = { id, next: 0, records: 0, gaps: [], torn: 0, dropped: 0, pulls: [] };
  let saveStateSoon = false;
  // A clip pulled with nothing to add still has its (empty) log here, so that a report or an
  // export of the archive reads it as no records rather than as a clip never pulled.
  if (!existsSync(bin)) writeFileSync(bin, '');
  if (existsSync(stateFile)) {
    try {
      state = { ...state, ...(JSON.parse(readFileSync(stateFile, 'utf8')) as ArchiveState) };
    } catch {
      /* rebuilt from records.bin below */
    }
  }
  // Walk records.bin: count whole records, find the last sequence, cut a torn tail. Damage
  // in the middle (whole records after it) is not a torn tail: the file is copied aside
  // untouched, the damaged span left out of records.bin and recorded, nothing whole is lost.
  let count = 0, last = -1, tornBytes = 0, damagedNow = 0;
  if (existsSync(bin)) {
    const b = new Uint8Array(readFileSync(bin));
    const keep: [number, number][] = [];
    let o = 0, from = 0;
    while (o < b.length) {
      if (recordOk(b, o)) {
        last = seqOf(b, o);
        count++;
        o += b[o];
        continue;
      }
      let next = o + 1;
      while (next < b.length && !recordOk(b, next)) next++;
      keep.push([from, o]);
      if (next >= b.length) {
        from = o; // torn tail: cut below
        break;
      }
      state.damaged = [...(state.damaged ?? []), { at: o, bytes: next - o, savedAs: '' }];
      damagedNow++;
      o = from = next;
    }
    if (from < b.length && o >= b.length) keep.push([from, b.length]);
    const kept = keep.reduce((n, [x, y]) => n + y - x, 0);
    if (state.damaged?.some((d) => d.savedAs === '')) {
      const saved = `${names.bin}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      copyFileSync(bin, join(dir, saved));
      for (const d of state.damaged) if (d.savedAs === '') d.savedAs = saved;
      const out = new Uint8Array(kept);
      let w = 0;
      for (const [x, y] of keep) {
        out.set(b.subarray(x, y), w);
        w += y - x;
      }
      const tmp = bin + '.tmp';
      writeFileSync(tmp, out);
      renameSync(tmp, bin);
      saveStateSoon = true;
    } else if (kept < b.length) {
      tornBytes = b.length - kept;
      truncateSync(bin, kept);
    }
  }
  state.records = count;
  if (last >= 0) state.next = Math.max(state.next, last + 1);

  function saveState() {
    const tmp = stateFile + '.tmp';
    writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
    renameSync(tmp, stateFile);
  }
  if (saveStateSoon) saveState();

  /** Appends records in order, skipping any already held; durable before it returns. */
  function append(recs: Uint8Array[]): number {
    const fresh = recs.filter((r) => seqOf(r, 0) >= state.next);
    if (!fresh.length) return 0;
    const fd = openSync(bin, 'a');
    try {
      for (const r of fresh) {
        const s = seqOf(r, 0);
        if (s > state.next) state.gaps.push([state.next, s - 1]);
        writeSync(fd, r);
        state.next = s + 1;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    state.records += fresh.length;
    saveState();
    return fresh.length;
  }

  return {
    dir,
    /** What opening repaired: bytes of a torn tail cut, damaged spans left out (see state.damaged). */
    repaired: { tornBytes, damaged: damagedNow, savedAs: damagedNow ? state.damaged![state.damaged!.length - 1].savedAs : null },
    state: () => state,
    append,
    note(p: ArchiveState['pulls'][number], torn: number, dropped: number, device?: ArchiveState['device']) {
      if (device) state.device = device;
      state.torn += torn;
      state.dropped = dropped;
      state.pulls.push({ ...p, at: new Date().toISOString() });
      saveState();
    },
    readAll(): Uint8Array {
      return existsSync(bin) ? new Uint8Array(readFileSync(bin)) : new Uint8Array(0);
    },
  };
}
