// The one module that touches Espruino's globals: I2C, pins, timers, Storage, the console,
// the watchdog. Everything above it takes a Hal.
import { BoardProfile } from '../board';
import { Hal } from './types';

declare const global: Record<string, unknown>;

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const I2C1: any, E: any, process: any, Puck: any;
declare function setInterval(fn: () => void, ms: number): any;
declare function setTimeout(fn: () => void, ms: number): any;
declare function clearInterval(id: any): void;
declare function clearTimeout(id: any): void;
declare function analogWrite(pin: any, v: number, o?: any): void;
declare function digitalWrite(pin: any, v: number): void;
declare function setWatch(fn: (e: any) => void, pin: any, o: any): any;
declare function analogRead(pin: any): number;
declare function digitalRead(pin: any): number;
declare function getTime(): number;
declare function setTime(s: number): void;
declare function print(s: string): void;
declare function setDeepSleep(on: number): void;
declare function btoa(s: string): string;
declare const LoopbackA: any;

function bytes(s: string | undefined): Uint8Array | undefined {
  return s === undefined ? undefined : new Uint8Array(E.toArrayBuffer(s));
}

export function createEspruinoHal(b: BoardProfile): Hal {
  // Espruino's own require, reached through global so the bundler leaves it alone.
  const S = (global.require as any)('Storage');
  const pin = (name: string): any => (name ? global[name] : undefined);
  if (b.bus === 'i2c1') I2C1.setup({ scl: pin(b.scl), sda: pin(b.sda), bitrate: 400000 });
  // Puck.js v2: the LSM6DS3TR sits on an internal bus reached through Puck.accelWr/accelRd;
  // accelOn powers it, then the driver sets the registers itself.
  if (b.bus === 'puck') Puck.accelOn(12.5);
  const motorPin = pin(b.motor);
  if (motorPin) digitalWrite(motorPin, 0);
  // STM32 boards idle in deep sleep between timer events unless USB is attached (nRF52
  // sleeps by itself); this is what the power budget in hardware/README.md assumes.
  if (b.mcu.indexOf('STM32') === 0) setDeepSleep(1);
  return {
    now: function () {
      return getTime() * 1000;
    },
    setClock: function (ms) {
      setTime(ms / 1000);
    },
    // Espruino's own functions where the signature matches: a property holding a native costs
    // one variable, a wrapper closure about six.
    every: setInterval,
    after: setTimeout,
    cancel: clearTimeout,
    i2cWrite: function (addr, data) {
      if (b.bus === 'puck') Puck.accelWr(data[0], data[1]);
      else I2C1.writeTo(addr, data);
    },
    i2cRead: function (addr, reg, n) {
      if (b.bus === 'puck') return new Uint8Array(Puck.accelRd(reg, n));
      I2C1.writeTo({ address: addr, stop: false }, reg);
      return I2C1.readFrom(addr, n);
    },
    motor: function (duty) {
      if (!motorPin) return;
      if (duty > 0) analogWrite(motorPin, duty, { freq: 200 });
      else digitalWrite(motorPin, 0);
    },
    buttonDown: function () {
      const p = pin(b.button);
      return p ? digitalRead(p) === (b.buttonActiveHigh ? 1 : 0) : false;
    },
    onButton: function (fn) {
      const p = pin(b.button);
      if (p) setWatch(function (e: any) { fn(e.state === (b.buttonActiveHigh ? true : false)); }, p, { repeat: true, edge: 'both', debounce: 25 });
    },
    storage: {
      read: function (name, off, len) {
        return bytes(S.read(name, off, len || undefined));
      },
      write: function (name, data, off, size) {
        return S.write(name, E.toString(data), off, size || undefined);
      },
      erase: S.erase,
      list: function (prefix) {
        return S.list(new RegExp('^' + prefix));
      },
      free: S.getFree,
    },
    battery: function () {
      if (b.battery === 'puck') return E.getBattery();
      const v = b.battery ? analogRead(pin(b.battery)) * b.batteryScale : 4.2;
      // LiPo: 3.3 V empty .. 4.2 V full, near-linear in the middle.
      const p = ((v - 3.3) / 0.9) * 100;
      return p < 0 ? 0 : p > 100 ? 100 : p | 0;
    },
    watchdog: function (s) {
      E.enableWatchdog(s, false);
    },
    kick: E.kickWatchdog,
    print: print,
    linkOnData: function (fn) {
      const dev = pin(b.console);
      if (b.consoleSetup) dev.setup(b.consoleSetup, { rx: pin('D28'), tx: pin('D29') });
      // Take the console device from the REPL: from now on every byte is the protocol's.
      E.setConsole(LoopbackA, { force: true });
      dev.on('data', fn);
    },
    linkWrite: function (data) {
      pin(b.console).write(data);
    },
    repl: function () {
      const dev = pin(b.console);
      dev.removeAllListeners('data');
      E.setConsole(dev, { force: true });
    },
    toBase64: function (u8) {
      return btoa(E.toString(u8));
    },
    codeCrc: function () {
      const c = S.read('.bootcde');
      return c ? E.CRC32(c) >>> 0 : 0;
    },
    memory: function () {
      const m = process.memory();
      return { usage: m.usage, total: m.total };
    },
  };
}
