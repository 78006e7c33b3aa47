// The firmware app on a fake board: a virtual clock, flash Storage, an MPU6050 model fed
// by the scenario generator, the motor and the button.
import { describe, expect, it } from 'vitest';
import { createApp, E_LOCKED, LOG_FILES } from '../firmware/app';
import { createMpu6050 } from '../firmware/imu/mpu6050';
import { generate, Segment } from '../host/sim/scenario';
import { createFlashStorage, FlashStorage } from '../host/sim/flash-storage';
import { mpu6050Model, I2cDevice } from '../host/sim/imu-models';
import {
  EV_ALERT, EV_BOOT, EV_CALIBRATED, EV_CONFIG, EV_FAULT, EV_LOW_BATTERY, EV_MODE, EV_SNOOZE, FAULT_CONFIG, FAULT_IMU, FAULT_MEMORY,
} from '../shared/events';
import { CFG_RANGE } from '../shared/config';
import { createFakeHal, FakeHal, motorOnMs } from './helpers/fake-hal';
import { readAll } from './helpers/log-reader';

function board(storage: FlashStorage = createFlashStorage(), withImu = true) {
  const hal = createFakeHal(storage, 1_000_000);
  const mpu = mpu6050Model();
  if (withImu) hal.devices.set(0x68, mpu);
  const imu = createMpu6050({ regWrite: (r, v) => hal.i2cWrite(0x68, [r, v]), regRead: (r, n) => hal.i2cRead(0x68, r, n), words: hal.words });
  const app = createApp(hal, 'pico', imu, LOG_FILES);
  const events: number[][] = [];
  app.onEvent = (type, t, a, b) => void events.push([type, t, a, b]);
  return { hal, mpu, app, events };
}

/** Plays a scenario into the IMU's FIFO at 25 Hz while the clock runs. */
function play(hal: FakeHal, mpu: I2cDevice, script: Segment[]) {
  for (const s of generate(script, { rateHz: 25, seed: 4, rotationDeg: 30 })) {
    const c = (v: number, k: number) => Math.max(-32767, Math.min(32767, Math.round(v * k)));
    mpu.push(c(s.ax, 8192), c(s.ay, 8192), c(s.az, 8192), c(s.gx, 131), c(s.gy, 131), c(s.gz, 131));
    hal.advance(40);
  }
}

const types = (ev: number[][]) => ev.map((e) => e[0]);

describe('firmware app', () => {
  it('boots with the motor off, the watchdog on, defaults and a "config missing" fault in the log', () => {
    const { hal, app } = board();
    expect(hal.motorLog[0][1]).toBe(0);
    expect(hal.watchdogSeconds).toBe(10);
    hal.advance(2000);
    expect(hal.kicks).toBeGreaterThanOrEqual(4); // every block (0.4 s), far inside the 10 s watchdog
    const recs = readAll(app.log);
    expect(recs.map((r) => [r.type, r.ok])).toEqual([[2, 1], [2, 1]]);
    const ev: number[][] = [];
    app.log.each(0, (b, at) => void ev.push([b[at + 11 + 2], b[at + 11 + 3]])); // event type, a's low byte
    expect(ev[0][0]).toBe(EV_BOOT); // first record: the boot event
    expect(ev[1]).toEqual([EV_FAULT, FAULT_CONFIG]); // second: config missing
    expect(app.st.config.threshold_deg).toBe(15);
  });

  it('calibrates on a long press, buzzes when a slouch is held 30 s, and logs it', () => {
    const { hal, mpu, app, events } = board();
    play(hal, mpu, [{ activity: 'upright', seconds: 2 }]);
    hal.button!(true);
    play(hal, mpu, [{ activity: 'upright', seconds: 2.2 }]);
    hal.button!(false);
    play(hal, mpu, [{ activity: 'upright', seconds: 5 }]);
    expect(types(events)).toContain(EV_CALIBRATED);
    const calAt = hal.clock;
    const buzzBefore = motorOnMs(hal.motorLog, 0, calAt);
    expect(buzzBefore).toBe(300); // the double buzz that confirms the calibration
    play(hal, mpu, [{ activity: 'slouch', seconds: 40, deg: 25 }, { activity: 'upright', seconds: 5 }]);
    const alert = events.find((e) => e[0] === EV_ALERT)!;
    expect(alert).toBeDefined();
    expect(alert[3]).toBe(1);
    expect(motorOnMs(hal.motorLog, alert[1], alert[1] + 1000)).toBe(200);
    expect(readAll(app.log).some((r) => r.type === 2 && r.ok)).toBe(true);
  });

  it('reports a missing IMU as a fault, retries, and starts sampling when it appears', () => {
    const { hal, mpu, app, events } = board(createFlashStorage(), false);
    hal.advance(12000);
    const faults = events.filter((e) => e[0] === EV_FAULT && e[2] === FAULT_IMU);
    expect(faults.length).toBeGreaterThanOrEqual(2);
    hal.devices.set(0x68, mpu);
    hal.advance(6000);
    app.core.calibrate(hal.clock, app.st.config.calib_s * 1000);
    play(hal, mpu, [{ activity: 'upright', seconds: 6 }]);
    expect(types(events)).toContain(EV_CALIBRATED);
    // A bus that gets stuck later is a fault too, and sampling resumes when it recovers.
    mpu.fail = true;
    hal.advance(2000);
    const n = events.filter((e) => e[0] === EV_FAULT).length;
    expect(n).toBeGreaterThan(faults.length);
    mpu.fail = false;
    hal.advance(6000);
    expect(hal.kicks).toBeGreaterThan(0);
  });

  it('low battery: stops buzzing but keeps logging; empty: logs it and stops sampling cleanly', () => {
    const { hal, mpu, app, events } = board();
    app.core.calibrate(hal.clock, app.st.config.calib_s * 1000);
    play(hal, mpu, [{ activity: 'upright', seconds: 6 }]);
    hal.batteryPct = 10;
    play(hal, mpu, [{ activity: 'upright', seconds: 60 }, { activity: 'slouch', seconds: 40, deg: 25 }]);
    expect(types(events)).toContain(EV_LOW_BATTERY);
    const alert = events.find((e) => e[0] === EV_ALERT)!;
    expect(alert).toBeDefined();
    expect(motorOnMs(hal.motorLog, alert[1], alert[1] + 2000)).toBe(0);
    hal.batteryPct = 3;
    hal.advance(61000);
    expect(events.filter((e) => e[0] === EV_LOW_BATTERY).at(-1)![3]).toBe(1);
    expect(mpu.regs[0x6b]).toBe(0x40); // IMU put to sleep
    const before = mpu.log.length;
    hal.advance(10000);
    expect(mpu.log.length).toBe(before);
  });

  it('the therapist lock refuses changes without the PIN, and survives a reboot', () => {
    const { hal, app } = board();
    expect(app.setConfig({ threshold_deg: 20 }, '')).toBe(0);
    expect(app.lock('2468', '')).toBe(0);
    expect(app.setConfig({ threshold_deg: 25 }, '')).toBe(E_LOCKED);
    expect(app.setConfig({ threshold_deg: 25 }, '1111')).toBe(E_LOCKED);
    expect(app.factoryReset('0000')).toBe(E_LOCKED);
    expect(app.setConfig({ threshold_deg: 25 }, '2468')).toBe(0);
    expect(app.setConfig({ threshold_deg: 99 }, '2468')).toBe(CFG_RANGE * 256 + 0);
    const next = board(hal.storage);
    expect(next.app.st.config.threshold_deg).toBe(25);
    expect((next.app.st.pinHash ? 1 : 0)).toBe(1);
    expect(next.app.setConfig({ alert_delay_s: 10 }, '')).toBe(E_LOCKED);
  });

  it('button: a press snoozes, three presses toggle tracking mode', () => {
    const { hal, app, events } = board();
    hal.press(100);
    hal.advance(1000);
    expect(types(events)).toContain(EV_SNOOZE);
    for (let i = 0; i < 3; i++) {
      hal.press(100);
      hal.advance(150);
    }
    hal.advance(1000);
    expect(events.find((e) => e[0] === EV_MODE)![2]).toBe(1);
    expect(app.st.config.mode).toBe(1);
  });

  it('keeps the calibration and the log across a reboot, and logs config changes', () => {
    const { hal, mpu, app, events } = board();
    app.core.calibrate(hal.clock, app.st.config.calib_s * 1000);
    play(hal, mpu, [{ activity: 'upright', seconds: 6 }]);
    app.setConfig({ alert_delay_s: 10 }, '');
    expect(types(events)).toContain(EV_CONFIG);
    const seqs = readAll(app.log).length;
    const next = board(hal.storage);
    expect(next.app.core.ref[0]).toBe(app.core.ref[0]);
    expect(next.app.core.est.out[8]).toBe(1);
    expect(readAll(next.app.log).length).toBe(seqs + 1); // + the new boot event
    expect(next.app.id).toBe(app.id); // the device id survives a reboot
  });
});

describe('the hourly ring in the app', () => {
  it('writes the worn hour when the first minute of the next closes, keeps it over a reboot; a factory reset wipes it', () => {
    const { hal, mpu, app } = board();
    const H = 500_000 * 3600_000; // a clock hour, ms
    app.core.calibrate(hal.clock, app.st.config.calib_s * 1000);
    play(hal, mpu, [{ activity: 'upright', seconds: 5 }]); // before the clock is set: not worn yet? calibrating
    app.setClock(H - 40_000);
    play(hal, mpu, [{ activity: 'upright', seconds: 115 }]); // across the hour and past its first minute
    const st = app.hours.status();
    expect(st.nextSeq).toBeGreaterThanOrEqual(1);
    const recs = readAll(app.hours);
    const last = recs[recs.length - 1];
    expect(last).toMatchObject({ ok: 1, type: 3, t: H / 1000 - 3600 });
    expect(readAll(board(hal.storage).app.hours).map((r) => r.seq)).toEqual(recs.map((r) => r.seq));
    const next = board(hal.storage);
    const hourSeq = next.app.hours.status().nextSeq, logSeq = next.app.log.status().nextSeq;
    expect(next.app.factoryReset('')).toBe(0);
    expect(readAll(next.app.hours)).toEqual([]);
    expect(next.app.hours.status()).toMatchObject({ nextSeq: hourSeq, firstSeq: hourSeq, dropped: 0, bytes: 16 });
    // Powered off at once: the numbering still goes on, so a host's archive never sees a
    // sequence number again for another record (the wiped ones show as a jump in firstSeq).
    const after = board(hal.storage).app;
    expect(after.hours.status()).toMatchObject({ nextSeq: hourSeq, firstSeq: hourSeq });
    const seqs = readAll(after.log).map((r) => r.seq); // the reset's own events, then the boot
    expect(after.log.status().firstSeq).toBe(logSeq);
    expect(seqs).toEqual(seqs.map((_, k) => logSeq + k));
  });
});

describe('the REPL at boot', () => {
  it('holding the button at power-on leaves the REPL on USB instead of the protocol', async () => {
    const { createVirtualDevice } = await import('../host/sim/virtual-device');
    const held = createVirtualDevice({ speed: 0, holdButtonAtBoot: true });
    expect(held.env.repl()).toBe(true);
    held.input('\x10print(6*7)\n');
    expect(held.output.join('')).toContain('42');
    const normal = createVirtualDevice({ speed: 0 });
    expect(normal.env.repl()).toBe(false);
  });

  it('logs a memory fault at boot, naming the first per-block typed array that is not flat', () => {
    const hal = createFakeHal(createFlashStorage(), 1_000_000);
    hal.devices.set(0x68, mpu6050Model());
    const imu = createMpu6050({ regWrite: (r, v) => hal.i2cWrite(0x68, [r, v]), regRead: (r, n) => hal.i2cRead(0x68, r, n), words: hal.words });
    let calls = 0;
    hal.flat = () => ++calls !== 3; // the third checked: the estimator's outputs
    const app = createApp(hal, 'pico', imu, LOG_FILES);
    const memoryFaults = (recs: ReturnType<typeof readAll>) => recs.filter((r) => r.ev === EV_FAULT && r.a === FAULT_MEMORY).map((r) => r.b);
    expect(memoryFaults(readAll(app.log))).toEqual([3]);
    // With every array flat, as the fake board has them, no such fault.
    expect(memoryFaults(readAll(board().app.log))).toEqual([]);
  });
});

describe('exercise reminders at times of day on the clip', () => {
  it('reminds at the prescribed local time once the host has set the clock with its UTC offset, and buzzes', () => {
    const { hal, mpu, app, events } = board();
    expect(app.setConfig({ ex_extension_deg: 15, ex_time_1: 1005, break_min: 0 }, '')).toBe(0);
    app.core.calibrate(hal.clock, app.st.config.calib_s * 1000);
    play(hal, mpu, [{ activity: 'upright', seconds: 6 }]);
    const tenLocal = 500_000 * 3600_000; // 08:00 UTC (500,000 h = 20,833 days + 8 h): 10:00 in UTC+2
    app.setClock(tenLocal, 120);
    const buzzes = hal.motorLog.length;
    play(hal, mpu, [{ activity: 'upright', seconds: 6 * 60 }]);
    const reminders = events.filter((e) => e[0] === 16);
    expect(reminders).toHaveLength(1);
    expect(reminders[0][1] - (tenLocal + 5 * 60_000)).toBeGreaterThanOrEqual(0);
    // Sitting still, the gyro rests and a block lasts 1.6 s: the reminder comes with the first block at or after 10:05.
    expect(reminders[0][1] - (tenLocal + 5 * 60_000)).toBeLessThanOrEqual(1600);
    expect(reminders[0].slice(2)).toEqual([1, 1]);
    expect(hal.motorLog.length).toBeGreaterThan(buzzes);
    // Without the offset (an older host) the clip does not know local time: no reminder.
    const other = board();
    expect(other.app.setConfig({ ex_extension_deg: 15, ex_time_1: 1005, break_min: 0 }, '')).toBe(0);
    other.app.setClock(tenLocal);
    play(other.hal, other.mpu, [{ activity: 'upright', seconds: 6 * 60 }]);
    expect(other.events.filter((e) => e[0] === 16)).toEqual([]);
  });
});
