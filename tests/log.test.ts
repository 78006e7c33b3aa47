// The on-device posture log: record format, power cuts at every byte, a full ring.
import { describe, expect, it } from 'vitest';
import { createLogRing, FILE_HEAD } from '../firmware/log/ring';
import { createLogger } from '../firmware/log/logger';
import { EVENT_LEN, MINUTE_LEN, M_FLEX_MAX, M_FLEX_MEAN, M_SLOUCH, M_UPRIGHT, REC_HEADER, REC_MINUTE, recordOk } from '../shared/log-format';
import { EV_ALERT, EV_CORRECTED, EV_STATE, ST_SLOUCH, ST_UPRIGHT } from '../shared/events';
import { createFlashStorage, FlashStorage, PowerCut } from '../host/sim/flash-storage';
import { readAll } from './helpers/log-reader';

const OPTS = { files: 4, fileSize: 512 };
const clone = (fs: FlashStorage) => createFlashStorage(fs.capacity, new Map([...fs.files].map(([n, f]) => [n, f.slice()])));

function writeEvents(fs: FlashStorage, n: number, a0 = 0) {
  const ring = createLogRing(fs, OPTS);
  const log = createLogger(ring, { clockSet: true });
  for (let i = 0; i < n; i++) log.event(EV_ALERT, 1_700_000_000_000 + i * 1000, a0 + i, 1);
  return ring;
}

describe('log records', () => {
  it('events and minute summaries round-trip with valid CRCs', () => {
    const fs = createFlashStorage();
    const ring = createLogRing(fs, OPTS);
    const log = createLogger(ring, { clockSet: false });
    const t0 = 1_700_000_020_000; // 40 s into a minute
    log.event(EV_STATE, t0, 2, 1); // not logged: minutes carry states
    for (let i = 0; i < 50; i++) log.block(t0 + i * 400, 400, i < 30 ? ST_UPRIGHT : ST_SLOUCH, i < 30 ? 20 : 250);
    log.event(EV_ALERT, t0 + 10000, 1, 1);
    log.event(EV_CORRECTED, t0 + 15000, 3000, 1);
    log.block(t0 + 30000, 400, ST_UPRIGHT, 0); // next minute: closes the first
    const recs = readAll(ring);
    expect(recs.map((r) => r.type)).toEqual([2, 2, REC_MINUTE]);
    expect(recs.every((r) => r.ok)).toBe(true);
    const b = fs.read(fs.list('pclog')[0], 0, 0)!;
    const at = FILE_HEAD + 2 * EVENT_LEN;
    expect(b[at]).toBe(MINUTE_LEN);
    expect(b[at + 10] & 1).toBe(1); // clock not set
    expect(b[at + REC_HEADER + M_UPRIGHT]).toBe(12);
    expect(b[at + REC_HEADER + M_SLOUCH]).toBe(8);
    const dv = new DataView(b.buffer, at);
    expect(dv.getInt16(REC_HEADER + M_FLEX_MAX, true)).toBe(250);
    expect(dv.getInt16(REC_HEADER + M_FLEX_MEAN, true)).toBe(Math.round((30 * 20 + 20 * 250) / 50));
    expect(recordOk(b, at)).toBe(1);
  });

  it('a power cut at any byte loses at most the record being written, and logging goes on', () => {
    const base = createFlashStorage();
    writeEvents(base, 5);
    for (let k = 0; k < EVENT_LEN; k++) {
      const fs = clone(base);
      const ring = createLogRing(fs, OPTS);
      const log = createLogger(ring, { clockSet: true });
      fs.cutAfter(k);
      expect(() => log.event(EV_ALERT, 1_800_000_000_000, 99, 1)).toThrow(PowerCut);
      // Reboot: the five old records are intact; the torn one (if any byte landed) fails its CRC.
      const again = createLogRing(fs, OPTS);
      const recs = readAll(again);
      expect(recs.slice(0, 5).map((r) => [r.ok, r.a])).toEqual([0, 1, 2, 3, 4].map((a) => [1, a]));
      expect(recs.length).toBe(k === 0 ? 5 : 6);
      if (k > 0) expect(recs[5].ok).toBe(0);
      // The next record lands after the torn one, with a fresh sequence number, and reads back.
      createLogger(again, { clockSet: true }).event(EV_ALERT, 1_800_000_001_000, 7, 1);
      const after = readAll(createLogRing(fs, OPTS));
      expect(after.at(-1)).toMatchObject({ ok: 1, a: 7, seq: k === 0 ? 5 : 6 });
    }
  });

  it('survives a file cut short at every byte offset (a torn tail), keeping every whole record', () => {
    const base = createFlashStorage();
    writeEvents(base, 8);
    const name = base.list('pclog')[0];
    const full = base.files.get(name)!;
    const end = FILE_HEAD + 8 * EVENT_LEN;
    for (let cut = FILE_HEAD; cut <= end; cut++) {
      const fs = clone(base);
      const f = fs.files.get(name)!;
      f.fill(0xff, cut); // everything from cut on never reached flash
      const recs = readAll(createLogRing(fs, OPTS));
      const whole = Math.floor((cut - FILE_HEAD) / EVENT_LEN);
      expect(recs.filter((r) => r.ok).length).toBe(whole);
      expect(recs.length - whole).toBeLessThanOrEqual(1);
    }
    expect(full.length).toBe(OPTS.fileSize);
  });

  it('wraps a full ring by dropping the oldest file, counting the dropped records', () => {
    const fs = createFlashStorage();
    const perFile = Math.floor((OPTS.fileSize - FILE_HEAD) / EVENT_LEN); // 19
    const total = perFile * 10 + 3;
    const ring = writeEvents(fs, total);
    const st = ring.status();
    expect(st.files).toBe(OPTS.files);
    expect(st.nextSeq).toBe(total);
    expect(st.dropped).toBe(total - (perFile * (OPTS.files - 1) + 3));
    expect(st.firstSeq).toBe(st.dropped);
    const recs = readAll(createLogRing(fs, OPTS));
    expect(recs.map((r) => r.seq)).toEqual(Array.from({ length: total - st.dropped }, (_, i) => st.dropped + i));
    expect(recs.every((r) => r.ok && r.a === r.seq)).toBe(true);
    // Dropped counts survive a reboot.
    expect(createLogRing(fs, OPTS).status().dropped).toBe(st.dropped);
  });

  it('erases only files the host holds entirely, and reads from a sequence on', () => {
    const fs = createFlashStorage();
    const ring = writeEvents(fs, 50);
    expect(readAll(ring, 45).map((r) => r.seq)).toEqual([45, 46, 47, 48, 49]);
    ring.eraseUpTo(30); // files hold 0-18, 19-37, 38-49: only the first goes
    expect(ring.status().firstSeq).toBe(19);
    expect(readAll(createLogRing(fs, OPTS))[0].seq).toBe(19);
  });

  it('refuses garbage where a length byte should be, without losing what came before', () => {
    const fs = createFlashStorage();
    writeEvents(fs, 3);
    const f = fs.files.get(fs.list('pclog')[0])!;
    f[FILE_HEAD + 3 * EVENT_LEN] = 2; // a length too short to be a record
    const ring = createLogRing(fs, OPTS);
    expect(readAll(ring).filter((r) => r.ok)).toHaveLength(3);
    createLogger(ring, { clockSet: true }).event(EV_ALERT, 1_900_000_000_000, 5, 1); // goes to a new file
    expect(readAll(createLogRing(fs, OPTS)).at(-1)).toMatchObject({ ok: 1, a: 5 });
  });
});
