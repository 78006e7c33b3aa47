// Faults the clip and the host must survive (issue 7): flash full, the watchdog, the clock
// never set or set backwards, the cable pulled during an upload. Power cuts during log and
// config writes, a missing or stuck IMU, a host killed mid-pull and a busy port have their
// tests beside the code they exercise (log, config-store, app, cli-device).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, E_STORAGE, LOG_FILES, WATCHDOG_KICK_MS } from '../firmware/app';
import { createConfigStore } from '../firmware/config-store';
import { createMpu6050 } from '../firmware/imu/mpu6050';
import { createLogRing } from '../firmware/log/ring';
import { createLogger } from '../firmware/log/logger';
import { createFlashStorage, FlashStorage } from '../host/sim/flash-storage';
import { mpu6050Model } from '../host/sim/imu-models';
import { haveSocat } from '../host/sim/pty';
import { createVirtualDevice } from '../host/sim/virtual-device';
import { repoRoot } from '../host/paths';
import { archiveMetrics } from '../host/metrics/archive-metrics';
import { decodeRecord, EventRecord, LogRecord, MinuteRecord } from '../host/log/records';
import { EV_ALERT, EV_BOOT, EV_FAULT, EV_TIME_SET, FAULT_CONFIG, FAULT_LOG } from '../shared/events';
import { createFakeHal, FakeHal } from './helpers/fake-hal';
import { generate } from '../host/sim/scenario';
import { I2cDevice } from '../host/sim/imu-models';
import { readAll } from './helpers/log-reader';
import { POSTURE, posture } from './helpers/cli';
import { startSimulate } from './helpers/sim-process';

const dir = mkdtempSync(join(tmpdir(), 'posture-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function board(storage: FlashStorage = createFlashStorage(), start = 1_000_000) {
  const hal = createFakeHal(storage, start);
  const mpu = mpu6050Model();
  hal.devices.set(0x68, mpu);
  const kicks: number[] = [];
  const kick = hal.kick;
  hal.kick = () => {
    kicks.push(hal.clock);
    kick();
  };
  const imu = createMpu6050({ regWrite: (r, v) => hal.i2cWrite(0x68, [r, v]), regRead: (r, n) => hal.i2cRead(0x68, r, n), words: hal.words });
  const app = createApp(hal, 'pico', imu, LOG_FILES);
  const events: number[][] = [];
  app.onEvent = (type, t, a, b) => void events.push([type, t, a, b]);
  /** Longest time without a kick between from and to: past the watchdog's 10 s it would fire. */
  const longestGap = (from: number, to: number) => {
    const k = [from, ...kicks.filter((x) => x > from && x <= to), to];
    return Math.max(...k.slice(1).map((x, i) => x - k[i]));
  };
  return { hal, mpu, app, events, longestGap };
}

/** The n-th record of the ring, decoded by the host's reader. */
function decodeAt(fs: FlashStorage, n: number): EventRecord {
  const out: EventRecord[] = [];
  createLogRing(fs, { files: 3, fileSize: 1024 }).each(0, (b, at, ok) => ok && out.push(decodeRecord(b.slice(at, at + b[at])) as EventRecord));
  return out[n];
}

function decodeLog(app: ReturnType<typeof createApp>): LogRecord[] {
  const out: LogRecord[] = [];
  app.log.each(0, (b, at, ok) => ok && out.push(decodeRecord(b.slice(at, at + b[at]))));
  return out;
}

/** Plays upright sitting into the IMU's FIFO at 25 Hz while the clock runs. */
function sit(hal: FakeHal, mpu: I2cDevice, seconds: number) {
  for (const x of generate([{ activity: 'upright', seconds }], { rateHz: 25, seed: 4, rotationDeg: 30 })) {
    const c = (v: number, k: number) => Math.max(-32767, Math.min(32767, Math.round(v * k)));
    mpu.push(c(x.ax, 8192), c(x.ay, 8192), c(x.az, 8192), c(x.gx, 131), c(x.gy, 131), c(x.gz, 131));
    hal.advance(40);
  }
}

describe('flash full', () => {
  const OPTS = { files: 3, fileSize: 1024 };
  const rec = (logger: ReturnType<typeof createLogger>, i: number) => logger.event(EV_ALERT, 1_800_000_000_000 + i * 1000, i, 1);

  it('counts what it could not write, uses up their sequence numbers, and logs the loss once there is room', () => {
    const fs = createFlashStorage(4096);
    // Something else fills Storage: not even one log file fits.
    fs.write('blocker', new Uint8Array(3500).fill(1), 0, 0);
    const ring = createLogRing(fs, OPTS);
    const logger = createLogger(ring, { clockSet: true });
    for (let i = 0; i < 10; i++) rec(logger, i);
    expect(ring.status()).toMatchObject({ lost: 10, nextSeq: 10, files: 0 });
    fs.erase('blocker');
    rec(logger, 10);
    const recs = readAll(createLogRing(fs, OPTS));
    // The record that found room, then the fault that says how many were lost before it.
    expect(recs.map((r) => [r.seq, r.ok, r.a])).toEqual([[10, 1, 10], [11, 1, FAULT_LOG]]);
    expect(decodeAt(fs, 1).b).toBe(10);
    expect(ring.status().lost).toBe(0);
  });

  it('gives up its own oldest files before losing a record when other files grow', () => {
    const fs = createFlashStorage(3 * 1024 + 3 * 64 + 600);
    const ring = createLogRing(fs, OPTS);
    const logger = createLogger(ring, { clockSet: true });
    for (let i = 0; i < 160; i++) rec(logger, i); // a full file and half the next (packed, 9-10 bytes each)
    expect(ring.status().files).toBe(2);
    expect(fs.write('other', new Uint8Array(1200).fill(2), 0, 0)).toBe(true); // no room for a third now
    for (let i = 160; i < 500; i++) rec(logger, i);
    const st = ring.status();
    expect(st.lost).toBe(0);
    expect(st.dropped).toBeGreaterThan(0); // counted in the file headers, never silent
    expect(st.files).toBeLessThan(3);
    const recs = readAll(createLogRing(fs, OPTS));
    expect(recs.at(-1)).toMatchObject({ ok: 1, a: 499 });
    expect(recs.every((r) => r.ok)).toBe(true);
  });

  it('with no room at all the app keeps coaching and loses only log records', () => {
    const fs = createFlashStorage(2048);
    fs.write('blocker', new Uint8Array(1900), 0, 0);
    const { hal, app } = board(fs);
    hal.advance(120_000);
    expect(app.log.status().lost).toBeGreaterThan(0);
    expect(app.log.status().files).toBe(0);
    expect(hal.kicks).toBeGreaterThan(100);
  });
});

describe('flash full when the prescription is saved', () => {
  /** A board whose log holds 3 files, then Storage filled by something else. */
  function full() {
    const fs = createFlashStorage(LOG_FILES * 4200 + 8192);
    const b = board(fs);
    // Fill the log's files (events are quickest: snoozes), then all that is left.
    while (appFiles(b.app) < 3) b.app.snooze(1);
    fs.write('other', new Uint8Array(1), 0, fs.free() - 32);
    return b;
  }
  const appFiles = (app: ReturnType<typeof createApp>) => app.log.status().files;

  it('gives up the oldest log file to keep a config change (counted as dropped), never the change', () => {
    const { app, events } = full();
    const dropped = app.log.status().dropped;
    expect(app.setConfig({ threshold_deg: 22 }, '')).toBe(0);
    expect(app.log.status().dropped).toBeGreaterThan(dropped);
    expect(createConfigStore(app.log.storage).load().config.threshold_deg).toBe(22); // survives a reboot
    expect(events.some((e) => e[0] === EV_FAULT && e[2] === FAULT_CONFIG)).toBe(false);
  });

  it('refuses a change it cannot keep, leaves the prescription as it was, and logs a fault', () => {
    const { app, events } = full();
    // Nothing left to give up: the log down to its current file, Storage full to the byte.
    while (app.log.shed()) void 0;
    app.log.storage.write('more', new Uint8Array(1), 0, app.log.storage.free() - 32);
    expect(app.setConfig({ threshold_deg: 24 }, '')).toBe(E_STORAGE);
    expect(app.st.config.threshold_deg).not.toBe(24);
    expect(app.lock('1234', '')).toBe(E_STORAGE);
    expect(app.st.pinHash).toBe(0);
    expect(events.filter((e) => e[0] === EV_FAULT && e[2] === FAULT_CONFIG && e[3] === 3)).toHaveLength(2);
  });
});

describe('flash full on the virtual clip (the bundle, with Espruino\'s Storage.write that throws)', () => {
  it('keeps sampling and coaching, making room from its own oldest records', async () => {
    const { createVirtualDevice } = await import('../host/sim/virtual-device');
    const { frame, unframe } = await import('../shared/protocol');
    const dev = createVirtualDevice({ scenario: [{ activity: 'upright', seconds: 3600 }], speed: 0, start: 1_795_730_400_000 });
    const frames = (from: number) =>
      dev.output.slice(from).join('').split('\n').map((l) => unframe(l.trim())).filter((j): j is string => !!j).map((j) => JSON.parse(j));
    dev.input(frame(JSON.stringify({ i: 1, c: 'calibrate' })));
    dev.advance(120_000);
    // Something else takes all but a few hundred bytes of Storage: the current log file fills
    // up within minutes and no new one fits.
    dev.storage.write('blocker', new Uint8Array(dev.storage.free() - 300).fill(7), 0, 0);
    const from = dev.output.length;
    dev.input(frame(JSON.stringify({ i: 2, c: 'stream', hz: 1 })));
    dev.advance(6 * 3600_000); // upright minutes pack into 8 bytes: more than a 2 KB file
    dev.input(frame(JSON.stringify({ i: 3, c: 'logstat' })));
    const out = frames(from);
    dev.stop();
    // Sampling never stopped: no IMU fault, and block samples kept coming to the end.
    expect(out.filter((m) => m.e === EV_FAULT)).toEqual([]);
    const s = out.filter((m) => m.s);
    expect(s.length).toBeGreaterThan(6 * 3600 * 2);
    expect(s.at(-1).s[0]).toBeGreaterThan(1_795_730_400_000 + 6 * 3600_000);
    // The ring made room by giving up its own oldest records (counted as dropped), so none
    // was lost.
    const st = out.find((m) => m.i === 3).log;
    expect(st.dropped).toBeGreaterThan(0);
    expect(st.lost).toBe(0);
    expect(st.files).toBeGreaterThanOrEqual(1);
  });
});

describe('the watchdog', () => {
  it('a stalled sampling loop stops the kicks (the watchdog resets the clip), and the clip boots back with its log', () => {
    const fs = createFlashStorage();
    const a = board(fs);
    a.hal.advance(65_000);
    expect(a.longestGap(1_000_000, a.hal.clock)).toBeLessThan(1000);
    const before = readAll(a.app.log);
    // A hung main loop: no timer runs any more. 11 s later the watchdog would have fired.
    const stalledAt = a.hal.clock;
    a.hal.cancelAll();
    a.hal.advance(11_000);
    expect(a.longestGap(stalledAt, a.hal.clock)).toBeGreaterThan(10_000);
    // The reset: the same flash, a new boot.
    const b = board(fs, a.hal.clock);
    expect(b.hal.motorLog[0][1]).toBe(0);
    b.hal.advance(2000);
    const after = readAll(b.app.log);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-2)!.seq).toBe(before.at(-1)!.seq + 1);
    expect(decodeLog(b.app).slice(before.length).some((r) => r.kind === 'event' && r.type === EV_BOOT)).toBe(true);
  });

  it('a clip stopped by an empty battery keeps kicking, so it does not reboot over and over', () => {
    const { hal, events, longestGap } = board();
    hal.advance(2000);
    hal.batteryPct = 2;
    hal.advance(61_000);
    const stoppedAt = events.find((e) => e[0] === 15 && e[3] === 1)![1];
    hal.advance(120_000);
    expect(longestGap(stoppedAt, hal.clock)).toBeLessThanOrEqual(WATCHDOG_KICK_MS);
  });

  it('on the real bundle: an empty battery stops sampling and the emulated watchdog never fires', () => {
    const dev = createVirtualDevice({ speed: 0, battery: () => 2 });
    dev.advance(120_000);
    expect(dev.env.watchdogFired).toBe(false);
    expect(dev.env.errors).toEqual([]);
  });
});

describe('the clock', () => {

  it('never set: every record says so, and the report keeps them out of the days', () => {
    const { hal, mpu, app } = board(createFlashStorage(), 5_000);
    app.core.calibrate(hal.clock, app.st.config.calib_s * 1000);
    sit(hal, mpu, 5 * 60);
    const recs = decodeLog(app);
    expect(recs.length).toBeGreaterThan(3);
    expect(recs.every((r) => !r.clockSet)).toBe(true);
    const m = archiveMetrics(recs.filter((r): r is MinuteRecord => r.kind === 'minute'), recs.filter((r): r is EventRecord => r.kind === 'event'));
    expect(m.unplacedMinutes).toBe(m.minutes);
    expect(m.perDay).toEqual([]);
  });

  it('set backwards: logged with the step, sequence still increasing, nothing lost or crashed', () => {
    const { hal, mpu, app, events } = board(createFlashStorage(), 1_795_730_400_000);
    app.setClock(1_795_730_400_000 + 1000);
    app.core.calibrate(hal.clock, app.st.config.calib_s * 1000);
    sit(hal, mpu, 3 * 60);
    app.setClock(hal.clock - 3_600_000); // an hour back
    sit(hal, mpu, 3 * 60);
    const step = events.filter((e) => e[0] === EV_TIME_SET).at(-1)!;
    expect(step[2]).toBeLessThanOrEqual(-3599);
    const recs = decodeLog(app);
    const seqs = recs.map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    const minutes = recs.filter((r): r is MinuteRecord => r.kind === 'minute');
    expect(minutes.length).toBeGreaterThanOrEqual(4);
    // Minutes after the step carry earlier times than minutes before it: the host sorts by sequence.
    const times = minutes.map((m) => m.t);
    expect(times.some((t, i) => i > 0 && t < times[i - 1])).toBe(true);
    expect(archiveMetrics(minutes, []).minutes).toBe(minutes.length);
  });
});

describe.runIf(haveSocat())('the cable pulled during posture flash', () => {
  it('leaves the clip at the REPL; "flash --repl" recovers it with its config and log', async () => {
    const link = join(dir, 'clip');
    const storage = join(dir, 'flash.json');
    // A big bundle (padded with a string: pretokenising drops comments) makes the upload long
    // enough to cut; a cut in the padding leaves nothing that runs.
    const code = readFileSync(join(repoRoot, 'firmware', 'dist', 'posture-pico.js'), 'utf8');
    const big = join(dir, 'big.js');
    writeFileSync(big, '"' + 'x'.repeat(30_000) + '";\n' + code);
    let sim = await startSimulate(['--speed', '5', '--link', link, '--storage', storage]);
    expect(posture(['config', 'set', 'threshold_deg=22', '--port', link]).status).toBe(0);
    const seq = JSON.parse(posture(['info', '--json', '--port', link]).stdout).log.nextRecord;
    const child = spawn(process.execPath, [POSTURE, 'flash', big, '--port', link], { env: { ...process.env, POSTURE_FLASH_PAUSE_MS: '40' } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    // Wait for the first chunk to land in the clip's Storage, then pull the cable: the upload
    // (~70 lines at 40 ms) is then well under way whatever the machine's speed.
    const t0 = Date.now();
    const started = () => existsSync(storage) && '.bootcde' in JSON.parse(readFileSync(storage, 'utf8'));
    while (!started() && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 50));
    expect(started()).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    await sim.stop();
    const code1 = await new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', r)));
    expect(code1).toBe(1);
    expect(err).toMatch(/disconnected during the upload: it is left at the Espruino REPL.*flash --repl --board pico/);
    sim = await startSimulate(['--speed', '5', '--link', link, '--storage', storage]);
    try {
      const info = posture(['info', '--port', link]);
      expect(info.status).toBe(1);
      expect(info.stderr).toMatch(/flash --repl/);
      const r = posture(['flash', '--repl', '--board', 'pico', '--port', link]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/none \(REPL\) -> 0\.3\.0, running/);
      expect(JSON.parse(posture(['config', 'get', '--json', '--port', link]).stdout).threshold_deg).toBe(22);
      expect(JSON.parse(posture(['info', '--json', '--port', link]).stdout).log.nextRecord).toBeGreaterThan(seq);
    } finally {
      await sim.stop();
    }
  }, 90_000);
});

