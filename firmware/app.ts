// The clip: samples the IMU a block at a time, runs the shared core, buzzes, logs, keeps the
// prescription, and answers the commands the console layer (issue 4) forwards. It touches
// the board only through the Hal.
import { checkConfig, checkField, Config, fieldIndex, fieldName, logChanges, N_FIELDS } from '../shared/config';
import { createCore, Core, REST_BLOCKS } from '../shared/core';
import {
  END_STOPPED, EV_ALERT, EV_BOOT, EV_CALIBRATED, EV_CALIB_REFUSED, EV_EX_REMINDER, EV_EX_REP, EV_EX_SET, EV_FAULT, EV_LOW_BATTERY, EV_MODE, EV_SNOOZE,
  EV_TIME_SET, FAULT_CONFIG, FAULT_IMU, FAULT_LOG_FLASH, FAULT_MEMORY, ST_OFF,
} from '../shared/events';
import { OUT_FLEX } from '../shared/estimator';
import { ATAN_TABLE, SEC_TABLE } from '../shared/fixmath';
import { G_LONG, G_PRESS, G_TRIPLE, createButton } from './button';
import { createConfigStore, LOAD_OK, pinHash, Stored } from './config-store';
import { Hal, StorageHal } from './hal/types';
import { Imu } from './imu/types';
import { createLogger, FLEX_EVERY, NO_FLEX } from './log/logger';
import { createLogRing, HOUR_PREFIX } from './log/ring';
import { CAP_MS_PER_MIN, createMotor, P_DOUBLE, P_ERROR, P_EXERCISE, P_LONG, P_SET, P_SHORT, P_TICK } from './motor';

export const FW_VERSION = '0.3.0';
export const E_LOCKED = 16; // config change refused: the therapist lock is on and no valid PIN came
export const E_STORAGE = 17; // config change refused: Storage had no room to keep it
export const LOW_BATTERY_PCT = 15; // below: no buzzing, logging goes on
export const EMPTY_BATTERY_PCT = 5; // below: log it and stop sampling cleanly
export const IMU_RETRY_MS = 5000;
export const WATCHDOG_KICK_MS = 4000;
export const BATTERY_EVERY_MS = 60000;
// Off the body (the detector's "off") this long, the IMU rests in its low-power mode. Where the
// board wires the IMU's motion line (hal.onImuMotion), motion wakes the clip and the MCU only
// wakes every REST_LINE_MS to kick the watchdog and peek (a host that starts streaming wakes it
// itself); elsewhere it peeks every REST_POLL_MS. A change of more than WAKE_COUNTS (about
// 0.05 g, summed over the axes) since it lay down brings sampling back.
export const REST_AFTER_MS = 60000;
export const REST_POLL_MS = 500;
export const REST_LINE_MS = 4000;
export const WAKE_COUNTS = 400;
export const LOG_FILES = 8;
export const LOG_FILE_SIZE = 2048;
// The hourly ring: 4 files of about 66 packed hourly records (15 bytes for a worn hour with
// slouching and alerts); at least three files are always kept: about 170 to 200 worn hours,
// 21 to 25 days of 8-hour wear (hours worn 7 s or less are not written).
export const HOUR_FILES = 4;
export const HOUR_FILE_SIZE = 1024;
// On an external NOR flash every file is one 4 KB erase sector.
export const NOR_FILE_SIZE = 4096;

export interface AppListener {
  (type: number, t: number, a: number, b: number): void;
}

/** gyr null: a block of the accelerometer alone (the gyro resting). */
export type BlockListener = (t: number, acc: Int16Array, gyr: Int16Array | null, n: number, state: number) => void;

/**
 * logFiles: how many 2 KB log files the board's Storage leaves room for beside the code.
 * nor: both rings on an external flash instead (firmware/flash/nor-storage.ts), logFiles
 * files of NOR_FILE_SIZE; the config stays in Storage. null: the board has one but it did not
 * answer, so the rings fall back to Storage and the boot logs a fault.
 */
export function createApp(hal: Hal, boardName: string, imu: Imu, logFiles: number, nor?: StorageHal | null) {
  const ls = nor || hal.storage;
  const ring = createLogRing(ls, { files: logFiles, fileSize: nor ? NOR_FILE_SIZE : LOG_FILE_SIZE });
  // A full Storage gives up a log file for a prescription change; not a file on the external flash.
  const store = createConfigStore(hal.storage, nor ? undefined : ring);
  const hours = createLogRing(ls, { files: HOUR_FILES, fileSize: nor ? NOR_FILE_SIZE : HOUR_FILE_SIZE, prefix: HOUR_PREFIX });
  const motor = createMotor(hal, CAP_MS_PER_MIN);
  let st: Stored = store.load();
  let core: Core;
  // The app's face to the link and the tests. State the link only reads is a plain property
  // kept up to date here (st, clockSet, core), and the link sets onEvent/onBlock itself: on
  // Espruino each getter or setter closure would cost about five variables.
  const api = {
    board: boardName,
    imu: imu.name,
    version: FW_VERSION,
    id: '',
    /** The stored prescription record: st.config, st.ref, st.pinHash (non-zero: locked). */
    st: st,
    clockSet: false,
    /** Set by the link while it streams: the IMU then never rests. */
    live: false,
    /** The sampling loop's wake, for the link: wake(1) brings a resting clip back at once. */
    wake: tick,
    core: null as unknown as Core,
    onEvent: null as AppListener | null,
    onBlock: null as BlockListener | null,
    setConfig: setConfig,
    snooze: snooze,
    setMode: setMode,
    /** tz: the host's UTC offset in minutes (local = UTC + tz), for reminders at times of day. */
    setClock: function (ms: number, tz?: number) {
      const before = hal.now();
      logger.close(1);
      hal.setClock(ms);
      api.clockSet = true;
      localMs = tz === undefined ? NaN : tz * 60000;
      core.setLocal(localMs);
      lastBlock = -1;
      // The detector sees the jump as a gap at its next block and moves its times with it.
      emit(EV_TIME_SET, hal.now(), Math.round((ms - before) / 1000), 0);
    },
    lock: function (pin: string, oldPin: string): number {
      if (!unlocked(oldPin)) return E_LOCKED;
      const was = st.pinHash;
      st.pinHash = pin ? pinHash(pin) : 0;
      if (save()) return 0;
      st.pinHash = was;
      return E_STORAGE;
    },
    factoryReset: function (pin: string): number {
      if (!unlocked(pin)) return E_LOCKED;
      stop();
      store.erase(); // the device id stays: its archive keeps its name
      ring.wipe();
      hours.wipe();
      st = api.st = store.load();
      sampling = true;
      buildCore();
      startImu();
      startTimers();
      return 0;
    },
    log: ring,
    hours: hours,
    motor: motor,
  };
  const logger = createLogger(ring, api, hours);
  // A random 8-hex-digit id made at first boot and kept in Storage: names the clip's archive.
  // (Inline rather than a function: code that runs once need not stay alive as a closure.)
  let idBytes = hal.storage.read('pcid', 0, 0);
  if (!idBytes || idBytes.length !== 8) {
    idBytes = new Uint8Array(8);
    for (let i = 0; i < 8; i++) idBytes[i] = '0123456789abcdef'.charCodeAt(Math.floor(Math.random() * 16));
    hal.storage.write('pcid', idBytes, 0, 0);
  }
  api.id = String.fromCharCode(idBytes[0], idBytes[1], idBytes[2], idBytes[3], idBytes[4], idBytes[5], idBytes[6], idBytes[7]);
  let imuOk = false, sampling = true, lowBattery = false, pendingCal = false;
  let timer: unknown = null, retry: unknown = null, battAt = 0;
  // Block buffers: a block is core.n samples (accN, a view on the start of acc, and gyr) while
  // the gyro runs, REST_BLOCKS x core.n of acc alone (1.6 s) while it rests.
  let acc = new Int16Array(0), gyr = acc, accN = acc, k = 0, lastBlock = -1;
  // Off the body: since when (-1: worn), and whether the IMU rests. Resting, the block buffers
  // are idle: acc[0..2] keeps the reading it lay down with, gyr[0..2] takes the latest.
  let offSince = -1, resting = false;
  // Whether the IMU's gyro runs: the core rests it while the wearer sits still (core.gyro).
  let gyroOn = 1;
  // Still blocks since the last flexion sample; local time minus the clock (NaN: not known).
  let flexK = 0, localMs = NaN;

  function emit(type: number, t: number, a: number, b: number) {
    logger.event(type, t, a, b);
    if (type === EV_ALERT && b && !lowBattery) motor.play(a >= 3 ? P_LONG : a === 2 ? P_DOUBLE : P_SHORT, st.config.motor_pct);
    // Exercise feedback buzzes in coaching mode only, as alerts do.
    if (type >= EV_EX_REMINDER && type <= EV_EX_SET && !st.config.mode && !lowBattery) {
      if (type === EV_EX_REMINDER) motor.play(P_EXERCISE, st.config.motor_pct);
      else if (type === EV_EX_REP) motor.play(P_TICK, st.config.motor_pct);
      else if (b >= 16) motor.play(P_SET, st.config.motor_pct);
    }
    if (type === EV_CALIBRATED) {
      for (let i = 0; i < 3; i++) st.ref[i] = core.ref[i];
      save();
      if (pendingCal) motor.play(P_DOUBLE, st.config.motor_pct);
      pendingCal = false;
    }
    if (type === EV_CALIB_REFUSED) {
      if (pendingCal) motor.play(P_ERROR, st.config.motor_pct);
      pendingCal = false;
    }
    if (api.onEvent) api.onEvent(type, t, a, b);
  }

  function buildCore() {
    core = api.core = createCore(st.config, imu.gyroPerDps, emit);
    core.setReference(st.ref[0], st.ref[1], st.ref[2]);
    core.setLocal(localMs);
  }

  /**
   * (Re)starts the IMU at the prescribed rate, with block buffers sized for it. Then every
   * typed array the per-block path reads is checked for flat storage: Espruino silently chains
   * one it found no contiguous room for, and each access then walks the chain. A fault names
   * the first (1-based, in this order).
   */
  function startImu() {
    retry = null;
    resting = false;
    offSince = -1;
    gyroOn = 1; // configure() starts it
    acc = new Int16Array(core.n * 3 * REST_BLOCKS);
    gyr = new Int16Array(core.n * 3);
    accN = acc.subarray(0, core.n * 3);
    k = 0;
    const hot = [acc, gyr, core.est.out, core.est.sums, ATAN_TABLE, SEC_TABLE];
    for (let i = 0; i < hot.length; i++) {
      if (!hal.flat(hot[i])) {
        emit(EV_FAULT, hal.now(), FAULT_MEMORY, i + 1);
        break;
      }
    }
    try {
      imu.configure(st.config.rate_hz);
      imuOk = true;
    } catch (e) {
      imuOk = false;
      emit(EV_FAULT, hal.now(), FAULT_IMU, 0);
      retry = hal.after(startImu, IMU_RETRY_MS);
    }
  }

  /** The sampling loop's wake: its timer, or (e: the watch's event) the IMU's motion line. */
  function tick(e?: unknown) {
    hal.kick();
    // The battery is checked from here once a minute: one timer fewer on the device.
    const now = hal.now();
    if (now - battAt >= BATTERY_EVERY_MS || now < battAt) {
      battAt = now;
      checkBattery();
    }
    if (!imuOk || !sampling) return;
    try {
      if (resting) {
        // Woken by the motion line, or by a host that starts streaming (the stream would
        // otherwise stay empty until someone picks the clip up from the desk); else by a peek
        // that sees it moved (with a line, every REST_LINE_MS: a line that is not wired or
        // has failed still lets the clip wake).
        if (!e && !api.live) {
          imu.peek(gyr);
          if (Math.abs(gyr[0] - acc[0]) + Math.abs(gyr[1] - acc[1]) + Math.abs(gyr[2] - acc[2]) <= WAKE_COUNTS) return;
        }
        // Picked up (or streamed): the IMU back at the prescribed rate, blocks from a clean FIFO, and the
        // estimator's filters started afresh from the first of them (not swung over from how
        // the clip lay, which would read as a passing slouch).
        resting = false;
        offSince = lastBlock = -1;
        k = 0;
        gyroOn = 1;
        core.est.reset();
        imu.configure(st.config.rate_hz);
        startTimers();
        return;
      }
      // Drain the FIFO a block at a time; a late timer just means two blocks this tick.
      for (;;) {
        // Worn and still, the gyro resting: longer blocks, less work a second.
        const bn = gyroOn ? core.n : REST_BLOCKS * core.n;
        k += imu.read(acc, gyr, k, bn - k);
        if (k < bn) {
          if (!imu.left) break;
          continue;
        }
        k = 0;
        const t = hal.now();
        // A resting gyro wrote nothing this block: null tells the estimator there is none (and
        // spares it three native sums).
        const state = gyroOn ? core.block(t, accN, gyr, bn) : core.block(t, acc, null, bn);
        // Flexion for the minute record every 3.2 s of still time (FLEX_EVERY 0.4 s blocks): even
        // the flexion-only angle costs the interpreter ~259,000 instructions, and a still posture
        // sampled every 3.2 s gives the minute's mean and peak.
        let flex = NO_FLEX;
        if ((state === 1 || state === 2) && (flexK += gyroOn ? 1 : REST_BLOCKS) >= FLEX_EVERY) {
          flexK = 0;
          core.est.angles(1);
          flex = core.est.out[OUT_FLEX];
        }
        logger.block(t, lastBlock < 0 ? 0 : t - lastBlock > 5000 ? 0 : t - lastBlock, state, flex);
        lastBlock = t;
        if (api.onBlock) api.onBlock(t, gyroOn ? accN : acc, gyroOn ? gyr : null, bn, state);
        // Worn and still: the gyro rests (not while the host streams its samples).
        const g = api.live ? 1 : core.gyro;
        if (g !== gyroOn) {
          gyroOn = g;
          imu.gyro(g);
          k = 0;
          startTimers();
        }
        if (state !== ST_OFF) offSince = -1;
        else if (offSince < 0) offSince = t;
        else if (t - offSince >= REST_AFTER_MS && !api.live) {
          // Lying off the body: rest the IMU, peek now and then (not while the host streams).
          resting = true;
          imu.rest();
          imu.peek(acc);
          if (timer !== null) hal.cancel(timer);
          timer = hal.every(tick, hal.onImuMotion ? REST_LINE_MS : REST_POLL_MS);
          return;
        }
        // Another block only if the FIFO holds one: a poll that finds it short costs ~160,000.
        if (imu.left < bn) break;
      }
    } catch (e) {
      imuOk = false;
      emit(EV_FAULT, hal.now(), FAULT_IMU, 1);
      if (retry === null) retry = hal.after(startImu, IMU_RETRY_MS);
    }
  }

  function checkBattery() {
    const p = hal.battery();
    if (p < LOW_BATTERY_PCT && !lowBattery) {
      lowBattery = true;
      motor.stop();
      emit(EV_LOW_BATTERY, hal.now(), p, 0);
    } else if (p >= LOW_BATTERY_PCT + 5) lowBattery = false;
    if (p < EMPTY_BATTERY_PCT && sampling) {
      emit(EV_LOW_BATTERY, hal.now(), p, 1);
      stop();
    }
  }

  // One wake per block: each FIFO read costs the interpreter ~330,000 instructions before its
  // first sample (tests/bench/fifo-read.ts), so a block is read in one go, not in parts. A
  // timer that runs ahead of the FIFO just finds it short and takes the rest next time.
  function startTimers() {
    if (timer !== null) hal.cancel(timer);
    timer = hal.every(tick, Math.round(((gyroOn ? 1000 : 1000 * REST_BLOCKS) * core.n) / st.config.rate_hz));
  }

  /** Stops sampling cleanly: closes the minute, silences the motor, powers the IMU down. */
  function stop() {
    sampling = false;
    core.det.end(hal.now(), END_STOPPED);
    logger.close(1);
    motor.stop();
    if (timer !== null) hal.cancel(timer);
    // The watchdog cannot be turned off once on: a stopped clip keeps kicking it, or it would
    // reboot every 10 s (and log a boot each time) until the battery is dead.
    timer = hal.every(hal.kick, WATCHDOG_KICK_MS);
    try {
      imu.close();
    } catch (e) {
      /* the IMU may be the reason we stop */
    }
  }

  function onGesture(g: number) {
    const t = hal.now();
    if (g === G_PRESS) {
      if (motor.on) motor.stop();
      else snooze(st.config.snooze_min);
    } else if (g === G_LONG) {
      pendingCal = true;
      core.calibrate(t, st.config.calib_s * 1000);
    } else if (g === G_TRIPLE) setMode(st.config.mode ? 0 : 1);
  }

  // The host's replay mirrors these two (host/replay/replay.ts): same calls, same events.
  function snooze(min: number) {
    const t = hal.now();
    core.det.snooze(t, min * 60000);
    emit(EV_SNOOZE, t, min, 0);
    motor.play(P_SHORT, st.config.motor_pct);
  }

  function setMode(m: number) {
    st.config.mode = m;
    save();
    core.det.configure(st.config);
    emit(EV_MODE, hal.now(), m, 0);
  }

  /** Stores the prescription; when even the log's oldest files could not make room, a fault. */
  function save(): boolean {
    if (store.save(st)) return true;
    emit(EV_FAULT, hal.now(), FAULT_CONFIG, 3);
    return false;
  }

  function unlocked(pin: string): boolean {
    return !st.pinHash || (typeof pin === 'string' && pinHash(pin) === st.pinHash);
  }

  /** Sets config fields (name -> value) all or nothing; returns 0 or CFG_* * 256 + field, or E_LOCKED. */
  function setConfig(values: Config, pin: string): number {
    if (!unlocked(pin)) return E_LOCKED;
    const c: Config = {};
    for (let i = 0; i < N_FIELDS; i++) c[fieldName(i)] = st.config[fieldName(i)];
    for (const name in values) {
      const e = checkField(name, values[name]);
      if (e) return e * 256 + (fieldIndex(name) & 255);
      c[name] = values[name];
    }
    const e = checkConfig(c);
    if (e) return e;
    const rateChanged = c.rate_hz !== st.config.rate_hz;
    let changed = 0;
    for (let i = 0; i < N_FIELDS; i++) if (c[fieldName(i)] !== st.config[fieldName(i)]) changed++;
    if (!changed) return 0; // nothing to store or log: an import of the same prescription
    const was = st.config;
    st.config = c;
    if (!save()) {
      st.config = was; // all or nothing: a change that would not survive a reboot is refused
      return E_STORAGE;
    }
    logChanges(was, c, hal.now(), emit);
    core.configure(c);
    if (rateChanged) {
      startImu();
      startTimers();
    }
    return 0;
  }

  // Boot.
  motor.stop();
  buildCore();
  emit(EV_BOOT, hal.now(), 0, 0);
  if (st.fault !== LOAD_OK) emit(EV_FAULT, hal.now(), FAULT_CONFIG, st.fault);
  if (nor === null) emit(EV_FAULT, hal.now(), FAULT_LOG_FLASH, 0);
  hal.onButton(createButton(hal, onGesture).edge);
  if (hal.onImuMotion) hal.onImuMotion(tick);
  hal.watchdog(10);
  startImu();
  startTimers();
  battAt = hal.now();
  checkBattery();
  return api;
}

export type App = ReturnType<typeof createApp>;
