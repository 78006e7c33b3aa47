// The one module that touches Espruino's globals: I2C, pins, timers, Storage, the console,
// the watchdog. Everything above it takes a Hal.
import { BoardProfile } from '../board';
import { Hal } from './types';

declare const global: Record<string, unknown>;

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const I2C1: any, SPI2: any, E: any, process: any, Puck: any;
declare function setInterval(fn: () => void, ms: number): any;
declare function setTimeout(fn: () => void, ms: number): any;
declare function clearInterval(id: any): void;
declare function clearTimeout(id: any): void;
declare function analogWrite(pin: any, v: number, o?: any): void;
declare function digitalWrite(pin: any, v: number): void;
declare function setWatch(fn: (e: any) => void, pin: any, o: any): any;
declare function analogRead(pin: any): number;
declare function digitalRead(pin: any): number;
declare function pinMode(pin: any, mode: string): void;
declare function getTime(): number;
declare function print(s: string): void;
declare function setDeepSleep(on: number): void;
declare function btoa(s: string): string;
declare const LoopbackA: any;

function bytes(s: string | undefined): Uint8Array | undefined {
  return s === undefined ? undefined : new Uint8Array(E.toArrayBuffer(s));
}

/** Puck.js: seconds without a byte from the adapter before the console stops listening. */
export const QUIET_S = 300;

function pinOf(name: string): any {
  return name ? global[name] : undefined;
}

// The board's profile (hardware/boards.json), each field a constant the build substitutes,
// so tests on the profile fold away and only this board's code is left in its bundle.
declare const __PROFILE__: BoardProfile;

export function createEspruinoHal(): Hal {
  // Espruino's own require, reached through global so the bundler leaves it alone.
  const S = (global.require as any)('Storage');
  const puck = __PROFILE__.bus === 'puck';
  const motorPin = pinOf(__PROFILE__.motor);
  const buttonPin = pinOf(__PROFILE__.button);
  const activeHigh = __PROFILE__.buttonActiveHigh;
  const batteryPin = __PROFILE__.battery === 'puck' ? 0 : pinOf(__PROFILE__.battery);
  const consoleDev = pinOf(__PROFILE__.console);
  if (__PROFILE__.bus === 'i2c1') I2C1.setup({ scl: pinOf(__PROFILE__.scl), sda: pinOf(__PROFILE__.sda), bitrate: 400000 });
  // The external log flash (a W25Q32 in SPI mode 0, up to 50 MHz for its Read Data command).
  const flashCs = pinOf(__PROFILE__.flashCs);
  if (__PROFILE__.spi === 'SPI2') SPI2.setup({ sck: pinOf(__PROFILE__.spiSck), miso: pinOf(__PROFILE__.spiMiso), mosi: pinOf(__PROFILE__.spiMosi), baud: 8000000, mode: 0 });
  if (flashCs) digitalWrite(flashCs, 1);
  // Puck.js v2: the LSM6DS3TR sits on an internal bus reached through Puck.accelWr/accelRd;
  // accelOn powers it, then the driver sets the registers itself.
  if (puck) Puck.accelOn(12.5);
  if (motorPin) digitalWrite(motorPin, 0);
  // STM32 boards idle in deep sleep between timer events unless USB is attached (nRF52
  // sleeps by itself); this is what the power budget in hardware/README.md assumes.
  if (__PROFILE__.deepSleep) setDeepSleep(1);
  // Puck.js: the console is Serial1 through a USB-serial adapter, and a listening nRF52 UART
  // keeps the chip's 16 MHz clock running, so it listens only while an adapter is attached (its
  // idle TX holds D28 high), as Espruino decides at power-on (targets/nrf5x/jshardware.c), and
  // stops after QUIET_S without a byte. Checked from kick(), which the app calls every tick.
  // Worst case (noise on a floating D28) it keeps listening, as it did before.
  let heard = -1; // getTime() of the last byte while listening; -1: not listening
  const rx = __PROFILE__.consoleSetup ? pinOf('D28') : 0;
  /** Listens now if an adapter holds D28 high, else once it does (the watch passes an event). */
  function listen(rose?: unknown) {
    if (!rose) {
      pinMode(rx, 'input_pulldown');
      if (!digitalRead(rx)) return void setWatch(listen, rx, { edge: 'rising' });
    }
    consoleDev.setup(__PROFILE__.consoleSetup, { rx: rx, tx: pinOf('D29') });
    heard = getTime();
  }
  let code = S.read('.bootcde');
  const codeCrc = code ? E.CRC32(code) >>> 0 : 0;
  code = undefined; // the methods' shared scope need not hold the code's text
  let clockOffset = 0;
  const hal: Hal = {
    // The host's clock is kept as an offset from the interpreter's, not set with setTime:
    // setTime moves every pending timer by the jump, and Espruino's Linux build moves the
    // timers without moving its clock, which stopped sampling there for good.
    now: function () {
      return getTime() * 1000 + clockOffset;
    },
    setClock: function (ms) {
      clockOffset = ms - getTime() * 1000;
    },
    // Espruino's own functions where the signature matches: a property holding a native costs
    // one variable, a wrapper closure about six.
    every: setInterval,
    after: setTimeout,
    cancel: clearTimeout,
    words: E.mapInPlace,
    i2cWrite: function (addr, data) {
      if (puck) Puck.accelWr(data[0], data[1]);
      else I2C1.writeTo(addr, data);
    },
    i2cRead: function (addr, reg, n) {
      if (puck) return new Uint8Array(Puck.accelRd(reg, n));
      I2C1.writeTo({ address: addr, stop: false }, reg);
      return I2C1.readFrom(addr, n);
    },
    motor: function (duty) {
      if (!motorPin) return;
      if (duty > 0) analogWrite(motorPin, duty, { freq: 200 });
      else digitalWrite(motorPin, 0);
    },
    buttonDown: function () {
      return buttonPin ? digitalRead(buttonPin) === (activeHigh ? 1 : 0) : false;
    },
    onButton: function (fn) {
      if (buttonPin) setWatch(function (e: any) { fn(e.state === activeHigh); }, buttonPin, { repeat: true, edge: 'both', debounce: 25 });
    },
    storage: {
      read: function (name, off, len) {
        return bytes(S.read(name, off, len || undefined));
      },
      write: function (name, data, off, size) {
        // Espruino throws when a write cannot be done (Storage full, bytes already written):
        // the log ring needs to know, not to be unwound, to make room or count the loss.
        try {
          return S.write(name, E.toString(data), off, size || undefined);
        } catch (e) {
          return false;
        }
      },
      erase: S.erase,
      list: function (prefix) {
        return S.list(new RegExp('^' + prefix));
      },
      free: S.getFree,
    },
    battery: function () {
      if (__PROFILE__.battery === 'puck') return E.getBattery();
      const v = batteryPin ? analogRead(batteryPin) * __PROFILE__.batteryScale : 4.2;
      // LiPo: 3.3 V empty .. 4.2 V full, near-linear in the middle.
      const p = ((v - 3.3) / 0.9) * 100;
      return p < 0 ? 0 : p > 100 ? 100 : p | 0;
    },
    watchdog: function (s) {
      E.enableWatchdog(s, false);
    },
    kick: __PROFILE__.consoleSetup
      ? function () {
          E.kickWatchdog();
          if (heard >= 0 && getTime() - heard > QUIET_S) {
            consoleDev.unsetup();
            heard = -1;
            listen();
          }
        }
      : E.kickWatchdog,
    print: print,
    linkOnData: function (fn) {
      // Take the console device from the REPL: from now on every byte is the protocol's.
      E.setConsole(LoopbackA, { force: true });
      if (__PROFILE__.consoleSetup) {
        consoleDev.on('data', function (d: string) {
          heard = getTime();
          fn(d);
        });
        listen();
      } else consoleDev.on('data', fn);
    },
    linkWrite: function (data) {
      consoleDev.write(data);
    },
    repl: function () {
      consoleDev.removeAllListeners('data');
      E.setConsole(consoleDev, { force: true });
      heard = -1; // the REPL's bytes are not counted: it keeps listening until the next boot
    },
    toBase64: function (u8) {
      return btoa(E.toString(u8));
    },
    codeCrc: codeCrc,
    esp: process.version,
    // Only the simulator's emulation sets SIM_SPEED; a board has no such variable.
    clockRate: process.env.SIM_SPEED || 1,
    flat: function (a) {
      // Up to 40 bytes may sit in one or two variables (Espruino makes a flat block only past
      // that): a walk of one step costs nothing.
      return a.byteLength <= 40 || E.getAddressOf(a, true) !== 0;
    },
    memory: function () {
      const m = process.memory();
      return { usage: m.usage, total: m.total };
    },
  };
  if (__PROFILE__.spi === 'SPI2')
    hal.spiSend = function (data) {
      return SPI2.send(data, flashCs);
    };
  if (__PROFILE__.imuInt)
    hal.onImuMotion = function (fn) {
      setWatch(fn, pinOf(__PROFILE__.imuInt), { repeat: true, edge: 'rising' });
    };
  return hal;
}
