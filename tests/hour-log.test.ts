// The hourly ring: each clock hour's minutes added up into one record, in a ring of its own
// beside the minutes, so weeks of history outlast the minute ring.
import { describe, expect, it } from 'vitest';
import { createLogRing, HOUR_PREFIX } from '../firmware/log/ring';
import { createLogger } from '../firmware/log/logger';
import { HOUR_FILE_SIZE, HOUR_FILES } from '../firmware/app';
import { FAULT_HOUR_LOG, EV_ALERT, EV_CORRECTED, EV_FAULT, ST_MOVING, ST_OFF, ST_SLOUCH, ST_UPRIGHT } from '../shared/events';
import { decodeRecord, EventRecord, HourRecord, LogRecord, MinuteRecord } from '../host/log/records';
import { createFlashStorage, FlashStorage } from '../host/sim/flash-storage';

const H0 = 1_800_000_000 - (1_800_000_000 % 3600); // a clock hour, s

function records(ring: ReturnType<typeof createLogRing>): LogRecord[] {
  const out: LogRecord[] = [];
  ring.each(0, (b, at, ok) => {
    expect(ok).toBe(1);
    out.push(decodeRecord(b.slice(at, at + b[at])));
  });
  return out;
}

function setup(fs: FlashStorage = createFlashStorage(), clock = { clockSet: true }) {
  const minutes = createLogRing(fs, { files: 8, fileSize: 4096 });
  const hours = createLogRing(fs, { files: HOUR_FILES, fileSize: HOUR_FILE_SIZE, prefix: HOUR_PREFIX });
  return { fs, minutes, hours, log: createLogger(minutes, clock, hours) };
}

/** A pseudo-random day of blocks (0.4 s) over [t0, t0 + ms), states and flexion varying. */
function wear(log: ReturnType<typeof createLogger>, t0: number, ms: number, seed = 1) {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let state = ST_UPRIGHT;
  for (let t = t0; t < t0 + ms; t += 400) {
    if (rnd() < 0.01) state = [ST_UPRIGHT, ST_SLOUCH, ST_MOVING, ST_OFF][Math.floor(rnd() * 4)];
    if (rnd() < 0.0005) log.event(EV_ALERT, t, 1, 1);
    if (rnd() < 0.0003) log.event(EV_CORRECTED, t, 2000, 1);
    log.block(t, 400, state, state === ST_SLOUCH ? 200 + Math.floor(rnd() * 300) : Math.floor(rnd() * 150) - 20);
  }
}

describe('hourly summaries', () => {
  it('each hour record adds up exactly the minute records of its hour', () => {
    const { minutes, hours, log } = setup();
    wear(log, H0 * 1000 + 17_000, 3 * 3600_000 + 200_000);
    log.close(1);
    const all = records(minutes);
    const mins = all.filter((r): r is MinuteRecord => r.kind === 'minute');
    const evs = all.filter((r): r is EventRecord => r.kind === 'event');
    const hrs = records(hours) as HourRecord[];
    expect(hrs.map((h) => h.t)).toEqual([H0, H0 + 3600, H0 + 7200, H0 + 10800]);
    expect(hrs.map((h) => h.seq)).toEqual([0, 1, 2, 3]);
    for (const h of hrs) {
      const ms = mins.filter((m) => Math.floor(m.t / 3600) * 3600 === h.t);
      expect(ms.length).toBeGreaterThan(0);
      // Time to the record's 15 s unit: the exact sum, rounded.
      for (const k of ['upright', 'slouch', 'moving', 'lying'] as const) expect(h[k], k).toBe(Math.round(ms.reduce((a, m) => a + m[k], 0) / 15) * 15);
      // Alerts and corrections: every one logged in the hour (a wholly-off minute has none of its own record).
      const inHour = (type: number) => evs.filter((e) => e.type === type && Math.floor(e.t / 3600000) * 3600 === h.t).length;
      expect(h.alerts).toBe(inHour(EV_ALERT));
      expect(h.corrected).toBe(inHour(EV_CORRECTED));
      expect(h.alerts).toBeGreaterThan(0);
      // Off seconds also count the minutes wholly off, which have no minute record.
      expect(h.off).toBeGreaterThanOrEqual(ms.reduce((a, m) => a + m.off, 0) - 7);
      expect(h.upright + h.slouch + h.moving + h.lying + h.off).toBeLessThanOrEqual(3600 + 5 * 7.5); // each rounded to 15 s
      const still = ms.filter((m) => m.upright + m.slouch > 0);
      expect(h.flexMax).toBe(Math.max(...still.map((m) => m.flexMax)));
      expect(h.flexMean).toBeGreaterThanOrEqual(Math.min(...still.map((m) => m.flexMean)));
      expect(h.flexMean).toBeLessThanOrEqual(Math.max(...still.map((m) => m.flexMean)));
      expect(h.clockSet).toBe(true);
    }
  });

  it('writes no record for an hour wholly off the body, and flags hours before the clock was set', () => {
    const clock = { clockSet: false };
    const { hours, log } = setup(undefined, clock);
    for (let t = 0; t < 3600_000; t += 400) log.block(t, 400, ST_OFF, 0); // hour 0: off
    for (let t = 3600_000; t < 3700_000; t += 400) log.block(t, 400, ST_UPRIGHT, 30);
    log.close(1); // as setClock does before the clock changes
    clock.clockSet = true;
    for (let t = H0 * 1000; t < H0 * 1000 + 60_000; t += 400) log.block(t, 400, ST_UPRIGHT, 30);
    log.close(1);
    const hrs = records(hours) as HourRecord[];
    expect(hrs.map((h) => [h.t, h.clockSet, h.upright])).toEqual([[3600, false, 105], [H0, true, 60]]); // 100 s, to 15 s
    expect(hrs.every((h) => h.flexMean === 30 && h.flexMax === 30)).toBe(true);
  });

  it('an hour worn for under 8 s (half the 15 s unit of its record) is not written', () => {
    const { hours, log } = setup();
    for (let t = H0 * 1000; t < H0 * 1000 + 7_200; t += 400) log.block(t, 400, ST_UPRIGHT, 10); // 7 s
    for (let t = H0 * 1000 + 7_200; t < H0 * 1000 + 60_000; t += 400) log.block(t, 400, ST_OFF, 0);
    log.close(1);
    for (let t = (H0 + 3600) * 1000; t < (H0 + 3600) * 1000 + 8_000; t += 400) log.block(t, 400, ST_UPRIGHT, 10); // 8 s
    log.close(1);
    expect((records(hours) as HourRecord[]).map((h) => [h.t, h.upright])).toEqual([[H0 + 3600, 15]]);
  });

  it('an hour closed early (sampling stopped) and resumed makes two records that add up', () => {
    const { hours, log } = setup();
    for (let t = H0 * 1000; t < H0 * 1000 + 600_000; t += 400) log.block(t, 400, ST_UPRIGHT, 10);
    log.close(1);
    for (let t = H0 * 1000 + 1200_000; t < H0 * 1000 + 1500_000; t += 400) log.block(t, 400, ST_SLOUCH, 300);
    log.close(1);
    const hrs = records(hours) as HourRecord[];
    expect(hrs.map((h) => h.t)).toEqual([H0, H0]);
    expect(hrs[0].upright + hrs[1].upright).toBe(600);
    expect(hrs[0].slouch + hrs[1].slouch).toBe(300);
    expect(hrs[0].flexMean).toBe(10);
    expect(hrs[1].flexMean).toBe(300);
  });

  it('the ring keeps over 25 days of 8-hour wear and counts what it drops', () => {
    const { fs, hours, log } = setup();
    const n = 300;
    // One minute of wear per hour is enough to write the hour; a slouch and an alert make it a
    // typical record (flexion and counts present: 15 bytes packed).
    for (let h = 0; h < n; h++) {
      for (let t = (H0 + h * 3600) * 1000; t < (H0 + h * 3600) * 1000 + 61_000; t += 400) log.block(t, 400, ST_SLOUCH, 210);
      log.event(EV_ALERT, (H0 + h * 3600) * 1000 + 61_000, 1, 1);
    }
    log.close(1);
    const st = hours.status();
    expect(st.nextSeq).toBe(n);
    expect(st.files).toBe(HOUR_FILES);
    expect(st.dropped).toBeGreaterThan(0);
    expect(n - st.dropped).toBeGreaterThanOrEqual(25 * 8);
    const again = createLogRing(fs, { files: HOUR_FILES, fileSize: HOUR_FILE_SIZE, prefix: HOUR_PREFIX });
    const hrs = records(again) as HourRecord[];
    expect(hrs.map((h) => h.seq)).toEqual(Array.from({ length: n - st.dropped }, (_, i) => st.dropped + i));
    expect(hrs.at(-1)).toMatchObject({ t: H0 + (n - 1) * 3600, alerts: 1, flexMean: 210, reps: 0, sets: 0 });
  });

  it('a full Storage loses hourly records with a fault event once one gets through, never silently', () => {
    const { fs, hours, minutes, log } = setup();
    const hour = (h: number) => {
      for (let t = (H0 + h * 3600) * 1000; t < (H0 + h * 3600) * 1000 + 61_000; t += 400) log.block(t, 400, ST_UPRIGHT, 0);
    };
    hour(0); // the minute ring has its file now
    fs.write('filler', new Uint8Array(1), 0, fs.free() - 32 - 200); // leaves less than an hourly file
    hour(1);
    hour(2);
    hour(3); // closes hours 0..2: none can be written
    expect(hours.status()).toMatchObject({ nextSeq: 3, files: 0, lost: 3 });
    fs.erase('filler');
    hour(4); // closes hour 3: written, and the loss of 3 is logged
    expect(hours.status()).toMatchObject({ nextSeq: 4, files: 1, lost: 0 });
    expect((records(hours) as HourRecord[]).map((h) => [h.seq, h.t])).toEqual([[3, H0 + 3 * 3600]]);
    const faults = records(minutes).filter((r): r is EventRecord => r.kind === 'event' && r.type === EV_FAULT && r.a === FAULT_HOUR_LOG);
    expect(faults.map((f) => f.b)).toEqual([3]);
  });
});

describe('the hourly ring on the wire (the real bundle on the virtual device)', () => {
  it('pull and erase take h (0 or 1, else refused); no other command looks at it', async () => {
    const { createVirtualDevice } = await import('../host/sim/virtual-device');
    const { frame, unframe } = await import('../shared/protocol');
    const dev = createVirtualDevice({ speed: 0 });
    const ask = (o: object) => {
      const before = dev.output.length;
      dev.input(frame(JSON.stringify(o)));
      return dev.output.slice(before).join('').split('\n').map((l) => unframe(l)).filter((j): j is string => !!j).map((j) => JSON.parse(j)).find((m) => m.i === (o as { i: number }).i);
    };
    expect(ask({ i: 1, c: 'logstat' }).hrs).toMatchObject({ nextSeq: 0, capacity: HOUR_FILES * HOUR_FILE_SIZE });
    expect(ask({ i: 2, c: 'pull', from: 0, h: 1 })).toMatchObject({ ok: 1, n: 0, end: 1 });
    expect(ask({ i: 3, c: 'pull', from: 0, h: 0 })).toMatchObject({ ok: 1 });
    expect(ask({ i: 4, c: 'pull', from: 0, h: 2 })).toMatchObject({ ok: 0, err: 4, msg: 'h' });
    expect(ask({ i: 5, c: 'erase', upTo: 0, h: 'x' })).toMatchObject({ ok: 0, err: 4, msg: 'h' });
    expect(ask({ i: 6, c: 'snooze', min: 5, h: 9 })).toMatchObject({ ok: 1 });
    dev.stop();
  });
});

describe('flexion in the minute record', () => {
  it('counts only the blocks whose flexion was sampled (the clip samples one in FLEX_EVERY still blocks)', async () => {
    const { NO_FLEX, FLEX_EVERY } = await import('../firmware/log/logger');
    const { minutes, log } = setup();
    // One minute of upright blocks, one in FLEX_EVERY sampled at 10 deg: the others must not count.
    for (let t = H0 * 1000, i = 0; t < H0 * 1000 + 60_000; t += 400, i++) log.block(t, 400, ST_UPRIGHT, i % FLEX_EVERY === 0 ? 100 : NO_FLEX);
    log.close(1);
    const m = records(minutes).find((r): r is MinuteRecord => r.kind === 'minute')!;
    expect(m.upright).toBe(60);
    expect(m.flexMean).toBe(100); // 0.1 deg
    expect(m.flexMax).toBe(100);
  });
});
