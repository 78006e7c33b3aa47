// A Hal on a virtual clock for firmware tests: timers run when the test advances time,
// Storage has flash semantics, I2C devices are register models.
import { Hal } from '../../firmware/hal/types';
import { createFlashStorage, FlashStorage } from '../../host/sim/flash-storage';
import { I2cDevice } from '../../host/sim/imu-models';
import { mapInPlace16 } from '../../host/sim/espruino-env';

interface Timer {
  id: number;
  at: number;
  every: number;
  fn: () => void;
}

export interface FakeHal extends Hal {
  storage: FlashStorage;
  devices: Map<number, I2cDevice>;
  motorLog: [number, number][];
  lines: string[];
  batteryPct: number;
  watchdogSeconds: number;
  kicks: number;
  button: ((down: boolean) => void) | null;
  /** Runs timers due up to now + ms, in time order. */
  advance(ms: number): void;
  /** Drops every timer: what a hung main loop looks like from outside. */
  cancelAll(): void;
  /** Presses the button for ms. */
  press(ms: number): void;
  clock: number;
  /** What the device wrote to the host link. */
  linkOut: string[];
  linkIn: ((data: string) => void) | null;
  replOn: boolean;
}

export function createFakeHal(storage: FlashStorage = createFlashStorage(), start = 0): FakeHal {
  let timers: Timer[] = [];
  let nextId = 1;
  const hal: FakeHal = {
    clock: start,
    storage,
    devices: new Map(),
    words: mapInPlace16,
    motorLog: [],
    lines: [],
    batteryPct: 90,
    watchdogSeconds: 0,
    kicks: 0,
    button: null,
    now: () => hal.clock,
    setClock: (ms) => {
      const d = ms - hal.clock;
      hal.clock = ms;
      for (const t of timers) t.at += d;
    },
    every: (fn, ms) => {
      const t = { id: nextId++, at: hal.clock + ms, every: ms, fn };
      timers.push(t);
      return t.id;
    },
    after: (fn, ms) => {
      const t = { id: nextId++, at: hal.clock + ms, every: 0, fn };
      timers.push(t);
      return t.id;
    },
    cancel: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    i2cWrite: (addr, bytes) => {
      const d = hal.devices.get(addr);
      if (!d) throw new Error('I2C: no device at ' + addr);
      d.write(bytes);
    },
    i2cRead: (addr, reg, n) => {
      const d = hal.devices.get(addr);
      if (!d) throw new Error('I2C: no device at ' + addr);
      return d.read(reg, n);
    },
    motor: (duty) => {
      hal.motorLog.push([hal.clock, duty]);
    },
    buttonDown: () => false,
    onButton: (fn) => {
      hal.button = fn;
    },
    battery: () => hal.batteryPct,
    watchdog: (s) => {
      hal.watchdogSeconds = s;
    },
    kick: () => {
      hal.kicks++;
    },
    print: (line) => {
      hal.lines.push(line);
    },
    memory: () => ({ usage: 0, total: 0 }),
    flat: () => true,
    codeCrc: 0,
    esp: '2v29',
    clockRate: 1,
    linkOut: [],
    linkIn: null,
    replOn: false,
    linkOnData: (fn) => {
      hal.linkIn = fn;
    },
    linkWrite: (d) => {
      hal.linkOut.push(d);
    },
    repl: () => {
      hal.replOn = true;
    },
    toBase64: (b) => Buffer.from(b).toString('base64'),
    advance(ms) {
      const end = hal.clock + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        hal.clock = Math.max(hal.clock, due.at);
        if (due.every) due.at += due.every;
        else timers = timers.filter((t) => t !== due);
        due.fn();
      }
      hal.clock = end;
    },
    cancelAll() {
      timers = [];
    },
    press(ms) {
      hal.button?.(true);
      hal.advance(ms);
      hal.button?.(false);
    },
  };
  return hal;
}

/** Total motor on-time in the log (ms) between from and to. */
export function motorOnMs(log: [number, number][], from: number, to: number): number {
  let on = 0;
  for (let i = 0; i < log.length; i++) {
    if (log[i][1] <= 0) continue;
    const end = i + 1 < log.length ? log[i + 1][0] : to;
    on += Math.max(0, Math.min(end, to) - Math.max(log[i][0], from));
  }
  return on;
}
