// The on-device posture log: packed records, power cuts at every byte (and every partly
// programmed bit pattern of the byte being written), a file cut short at every offset, a full
// ring, files left by firmware before 0.2.
import { describe, expect, it } from 'vitest';
import { createLogRing, FILE_HEAD } from '../firmware/log/ring';
import { createLogger } from '../firmware/log/logger';
import { EVENT_LEN, MINUTE_LEN_V1, REC_MINUTE, sealRecord } from '../shared/log-format';
import { K_EVENT, K_HOUR, K_MINUTE, K_TIME } from '../shared/log-pack';
import { EV_ALERT, EV_CORRECTED, EV_EX_REP, EV_EX_SET, EV_STATE, EV_TIME_SET, ST_OFF, ST_SLOUCH, ST_UPRIGHT } from '../shared/events';
import { createFlashStorage, FlashStorage, PowerCut } from '../host/sim/flash-storage';
import { decodeRecord, LogRecord } from '../host/log/records';
import { encodeEvent, encodeMinute } from '../host/log/encode';
import { readAll } from './helpers/log-reader';

const OPTS = { files: 4, fileSize: 512 };
const T0 = 1_700_000_040_000; // a whole minute
const clone = (fs: FlashStorage) => createFlashStorage(fs.capacity, new Map([...fs.files].map(([n, f]) => [n, f.slice()])));

/** Every record the ring yields, decoded as the host decodes what the clip sends (null: torn). */
function records(ring: ReturnType<typeof createLogRing>, from = 0): (LogRecord | null)[] {
  const out: (LogRecord | null)[] = [];
  ring.each(from, (b, at, ok) => out.push(ok ? decodeRecord(b.slice(at, at + b[at])) : null));
  return out;
}

function writeEvents(fs: FlashStorage, n: number, a0 = 0) {
  const ring = createLogRing(fs, OPTS);
  const log = createLogger(ring, { clockSet: true });
  for (let i = 0; i < n; i++) log.event(EV_ALERT, T0 + i * 1000, a0 + i, 1);
  return ring;
}

/** A minute of blocks: states[i] for 400 ms each (150 blocks). */
function minute(log: ReturnType<typeof createLogger>, t0: number, state: (i: number) => number, flex: (i: number) => number) {
  for (let i = 0; i < 150; i++) log.block(t0 + i * 400, 400, state(i), flex(i));
}

// One of each kind and shape of record: the tests below cut power in each. pre: what the
// logger is told first (no cut there), write: the record cut.
type Log = ReturnType<typeof createLogger>;
const KINDS: [string, { pre?: (log: Log, t: number) => void; write: (log: Log, t: number) => void; clockUnset?: boolean }][] = [
  ['event, small a and b', { write: (log, t) => log.event(EV_ALERT, t, 1, 1) }],
  ['event, 32-bit a', { write: (log, t) => log.event(EV_TIME_SET, t, -1_700_000_000, 0) }],
  ['event, 16-bit a', { write: (log, t) => log.event(EV_CORRECTED, t, 3000, 0) }],
  ['minute in one state', { pre: (log, t) => minute(log, t, () => ST_UPRIGHT, () => 31), write: (log) => log.close() }],
  ['minute in several states, with counts', {
    pre: (log, t) => {
      log.event(EV_EX_REP, t + 1000, 150, 1 + 16 * 50);
      log.event(EV_EX_SET, t + 2000, 5, 1 + 16);
      minute(log, t, (i) => (i < 50 ? ST_UPRIGHT : i < 120 ? ST_SLOUCH : ST_OFF), (i) => (i < 50 ? -45 : 260));
    },
    write: (log) => log.close(),
  }],
  ['hour', {
    pre: (log, t) => {
      minute(log, Math.ceil(t / 3_600_000) * 3_600_000, () => ST_SLOUCH, () => 200); // its hour starts after the base
      log.close();
    },
    write: (log) => log.close(1),
  }],
  // Unset clock flags need a new time base: the cut falls in the time record written first.
  ['time record', { write: (log, t) => log.event(EV_ALERT, t, 1, 1), clockUnset: true }],
];

describe('log records', () => {
  it('come back from their packed form exactly as the clip sends them, in a third of the bytes', () => {
    const fs = createFlashStorage();
    const ring = createLogRing(fs, OPTS);
    const log = createLogger(ring, { clockSet: false });
    const t0 = T0 + 20_000; // 20 s into a minute
    log.event(EV_STATE, t0, 2, 1); // not logged: minutes carry states
    for (let i = 0; i < 100; i++) log.block(t0 + i * 400, 400, i < 60 ? ST_UPRIGHT : ST_SLOUCH, i < 60 ? 20 : 250);
    log.event(EV_ALERT, t0 + 10_000, 1, 1);
    log.event(EV_CORRECTED, t0 + 15_000, 3000, 1);
    log.event(EV_EX_REP, t0 + 16_000, 151, 1 + 16 * 52);
    log.event(EV_EX_SET, t0 + 17_000, 5, 1 + 16);
    minute(log, T0 + 60_000, () => ST_UPRIGHT, () => -12); // the next minute, all upright: closes the first
    log.close(); // and this one
    const recs = records(ring);
    expect(recs.map((r) => r!.kind)).toEqual(['event', 'event', 'event', 'event', 'minute', 'minute']);
    expect(recs.map((r) => r!.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(recs[0]).toMatchObject({ t: t0 + 10_000, clockSet: false, type: EV_ALERT, a: 1, b: 1 });
    expect(recs[2]).toMatchObject({ t: t0 + 16_000, type: EV_EX_REP, a: 151, b: 1 + 16 * 52 });
    expect(recs[4]).toEqual({
      kind: 'minute', seq: 4, t: T0 / 1000, clockSet: false, upright: 24, slouch: 16, moving: 0, lying: 0, off: 0,
      flexMean: Math.round((60 * 20 + 40 * 250) / 100), flexMax: 250, alerts: 1, corrected: 1, reps: 1, sets: 1,
    });
    expect(recs[5]).toEqual({
      kind: 'minute', seq: 5, t: T0 / 1000 + 60, clockSet: false, upright: 60, slouch: 0, moving: 0, lying: 0, off: 0,
      flexMean: -12, flexMax: -12, alerts: 0, corrected: 0, reps: 0, sets: 0,
    });
    // In flash: the file header, a time record, then the packed records.
    const b = fs.read(fs.list('pclog')[0], 0, 0)!;
    expect(String.fromCharCode(...b.subarray(0, 4))).toBe('PCL2');
    expect([b[FILE_HEAD], b[FILE_HEAD + 1] >> 5, b[FILE_HEAD + 1] & 1]).toEqual([7, K_TIME, 1]); // clock not set
    let p = FILE_HEAD + 7;
    const sizes: number[] = [];
    while (b[p] !== 0xff) {
      sizes.push(b[p]);
      p += b[p];
    }
    expect(b[FILE_HEAD + 7 + 1] >> 5).toBe(K_EVENT);
    expect(sizes).toEqual([9, 10, 11, 9, 16, 8]); // vs 26 and 28 as sent
    expect(b[p - 8 + 1] >> 5).toBe(K_MINUTE);
  });

  it('a new time record starts each file, follows a clock set, a step back, and long quiet spells', () => {
    const fs = createFlashStorage();
    const ring = createLogRing(fs, OPTS);
    const clock = { clockSet: false };
    const log = createLogger(ring, clock);
    log.event(EV_ALERT, 5000, 1, 1); // since boot
    clock.clockSet = true;
    log.event(EV_ALERT, T0, 2, 1);
    log.event(EV_ALERT, T0 - 3_600_000, 3, 1); // set back an hour
    log.event(EV_ALERT, T0 + 5 * 3_600_000, 4, 1); // more than 4.6 h of milliseconds later
    minute(log, T0 + 7 * 86_400_000, () => ST_UPRIGHT, () => 5); // a week on: past what a minute's offset holds
    log.close();
    const recs = records(createLogRing(fs, OPTS));
    expect(recs.map((r) => [r!.t, r!.clockSet])).toEqual([[5000, false], [T0, true], [T0 - 3_600_000, true], [T0 + 5 * 3_600_000, true], [T0 / 1000 + 7 * 86_400, true]]);
    const b = fs.read(fs.list('pclog')[0], 0, 0)!;
    let p = FILE_HEAD, times = 0;
    while (b[p] !== 0xff) {
      if (b[p + 1] >> 5 === K_TIME) times++;
      p += b[p];
    }
    expect(times).toBe(5); // each of the five needed a base
  });

  it.each(KINDS)('a power cut at any byte of %s, with any of its bits unprogrammed, loses at most that record', (name, kind) => {
    const T = T0 + 600_000;
    const base = createFlashStorage();
    writeEvents(base, 5);
    // The record as packed: written once without a cut.
    const probe = clone(base);
    const pr = createLogRing(probe, OPTS);
    const pl = createLogger(pr, { clockSet: !kind.clockUnset }, pr); // hours in the same ring, for the hour's case
    kind.pre?.(pl, T);
    const n0 = pr.status().nextSeq; // records before the one cut
    const at = pr.status().bytes;
    kind.write(pl, T);
    const all = probe.files.get(probe.list('pclog')[0])!;
    const packed = all.slice(at, at + all[at]); // the first write the record took
    const isTime = packed[1] >> 5 === K_TIME;
    expect(packed[1] >> 5).toBe({ event: K_EVENT, minute: K_MINUTE, hour: K_HOUR, time: K_TIME }[name.split(/[ ,]/)[0]]);
    for (let k = 0; k < packed.length; k++) {
      for (let torn = 0; torn < 256; torn++) {
        const fs = clone(base);
        const ring = createLogRing(fs, OPTS);
        const log = createLogger(ring, { clockSet: !kind.clockUnset }, ring);
        kind.pre?.(log, T);
        fs.cutAfter(k, torn);
        expect(() => kind.write(log, T)).toThrow(PowerCut);
        // Reboot: the five old records are intact; the torn one is never read as whole, unless
        // the cut came in its last byte after every bit of it was programmed.
        const again = createLogRing(fs, OPTS);
        const recs = records(again);
        expect(recs.slice(0, 5).map((r) => r && r.kind === 'event' && r.a)).toEqual([0, 1, 2, 3, 4]);
        const whole = k === packed.length - 1 && (packed[k] | torn) === packed[k];
        // A length byte cut to 0xFF is nothing written; one cut to more than a record can be is
        // garbage that ends the file (the next record starts a new one).
        // A time record is not a record of the log: whole, it is not listed at all.
        const listed = (k > 0 || (packed[0] | torn) <= 32) && !(isTime && whole);
        expect(recs.length).toBe(listed ? n0 + 1 : n0);
        if (listed) expect(recs[n0] !== null).toBe(whole);
        // The next record lands after the torn one, with a fresh sequence number, and reads back.
        createLogger(again, { clockSet: true }).event(EV_ALERT, T0 + 700_000, 7, 1);
        const after = records(createLogRing(fs, OPTS));
        expect(after.at(-1)).toMatchObject({ kind: 'event', a: 7, seq: recs.length, t: T0 + 700_000 });
      }
    }
  });

  it('survives a file cut short at every byte offset (a torn tail), keeping every whole record', () => {
    const base = createFlashStorage();
    const ring = createLogRing(base, OPTS);
    const log = createLogger(ring, { clockSet: true });
    KINDS.forEach(([, k], i) => {
      k.pre?.(log, T0 + i * 120_000);
      k.write(log, T0 + i * 120_000);
    });
    const all = records(ring);
    const name = base.list('pclog')[0];
    const end = ring.status().bytes;
    const starts: number[] = []; // where each record ends
    const f0 = base.files.get(name)!;
    for (let p = FILE_HEAD; f0[p] !== 0xff; p += f0[p]) if (f0[p + 1] >> 5 !== K_TIME) starts.push(p + f0[p]);
    for (let cut = FILE_HEAD; cut <= end; cut++) {
      const fs = clone(base);
      fs.files.get(name)!.fill(0xff, cut); // everything from cut on never reached flash
      const recs = records(createLogRing(fs, OPTS));
      const whole = starts.filter((e) => e <= cut).length;
      expect(recs.filter((r) => r).length).toBe(whole);
      expect(recs.slice(0, whole)).toEqual(all.slice(0, whole));
      expect(recs.length - whole).toBeLessThanOrEqual(1);
    }
  });

  it('wraps a full ring by dropping the oldest file, counting the dropped records', () => {
    const fs = createFlashStorage();
    const total = 400;
    const ring = writeEvents(fs, total);
    const st = ring.status();
    expect(st.files).toBe(OPTS.files);
    expect(st.nextSeq).toBe(total);
    expect(st.dropped).toBeGreaterThan(0);
    expect(st.firstSeq).toBe(st.dropped);
    const recs = readAll(createLogRing(fs, OPTS));
    expect(recs.map((r) => r.seq)).toEqual(Array.from({ length: total - st.dropped }, (_, i) => st.dropped + i));
    expect(recs.every((r) => r.ok && r.a === r.seq)).toBe(true);
    // Dropped counts survive a reboot.
    expect(createLogRing(fs, OPTS).status().dropped).toBe(st.dropped);
  });

  it('erases only files the host holds entirely, and reads from a sequence on', () => {
    const fs = createFlashStorage();
    const ring = writeEvents(fs, 150);
    expect(readAll(ring, 145).map((r) => r.seq)).toEqual([145, 146, 147, 148, 149]);
    const firstOfSecond = (ring as unknown as { held: { first: number }[] }).held[1].first;
    ring.eraseUpTo(firstOfSecond - 1);
    expect(ring.status().firstSeq).toBe(firstOfSecond);
    expect(readAll(createLogRing(fs, OPTS))[0].seq).toBe(firstOfSecond);
  });

  it('refuses garbage where a length byte should be, without losing what came before', () => {
    const fs = createFlashStorage();
    const ring = writeEvents(fs, 3);
    const f = fs.files.get(fs.list('pclog')[0])!;
    f[FILE_HEAD + ring.status().bytes - FILE_HEAD] = 2; // a length too short to be a record
    const again = createLogRing(fs, OPTS);
    expect(readAll(again).filter((r) => r.ok)).toHaveLength(3);
    createLogger(again, { clockSet: true }).event(EV_ALERT, 1_900_000_000_000, 5, 1); // goes to a new file
    expect(readAll(createLogRing(fs, OPTS)).at(-1)).toMatchObject({ ok: 1, a: 5 });
  });

  it('reads the files firmware before 0.2 left (records as sent), and goes on in packed files after them', () => {
    const fs = createFlashStorage();
    // A 'PCL1' file: header, two events and a 26-byte minute, as the first format wrote them.
    const old = [
      encodeEvent({ seq: 40, t: T0, clockSet: true, type: EV_ALERT, a: 2, b: 1 }),
      encodeEvent({ seq: 41, t: T0 + 5000, clockSet: true, type: EV_CORRECTED, a: 5000, b: 0 }),
      encodeMinute({ seq: 42, t: T0 / 1000, clockSet: true, upright: 40, slouch: 20, moving: 0, lying: 0, off: 0, flexMean: 90, flexMax: 200, alerts: 1, corrected: 1 }).slice(0, MINUTE_LEN_V1),
    ];
    // The first format's minute was 26 bytes: shorten it and reseal its CRC as that firmware did.
    const m = old[2];
    m[0] = MINUTE_LEN_V1;
    sealRecord(m, REC_MINUTE, 42, T0 / 1000, 0);
    const file = new Uint8Array(OPTS.fileSize).fill(0xff);
    file.set([0x50, 0x43, 0x4c, 0x31, 7, 0, 0, 0, 40, 0, 0, 0, 40, 0, 0, 0]);
    let p = FILE_HEAD;
    for (const r of old) {
      file.set(r, p);
      p += r.length;
    }
    expect(p).toBe(FILE_HEAD + 2 * EVENT_LEN + MINUTE_LEN_V1);
    fs.files.set('pclog7', file);
    const ring = createLogRing(fs, OPTS);
    expect(ring.status()).toMatchObject({ nextSeq: 43, firstSeq: 40, dropped: 40 });
    createLogger(ring, { clockSet: true }).event(EV_ALERT, T0 + 90_000, 9, 1);
    const recs = records(createLogRing(fs, OPTS));
    expect(recs.map((r) => r!.seq)).toEqual([40, 41, 42, 43]);
    expect(recs[2]).toMatchObject({ kind: 'minute', upright: 40, flexMax: 200 });
    expect('reps' in recs[2]!).toBe(false); // not recorded by that firmware
    expect(recs[3]).toMatchObject({ kind: 'event', a: 9, t: T0 + 90_000 });
    expect(fs.list('pclog')).toEqual(['pclog7', 'pclog8']); // the old file is never appended to
    expect(String.fromCharCode(...fs.files.get('pclog8')!.subarray(0, 4))).toBe('PCL2');
  });
});
