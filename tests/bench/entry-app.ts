// Bench bundle: the firmware app over a Hal that costs next to nothing, to count on the
// interpreter what the app does around the core in each block (the tick's loop, the minute
// log's sums, closing and writing each minute) that the energy ledger would otherwise leave out.
// The IMU hands over a block of a still, upright wearer at every read.
import { createApp } from '../../firmware/app';
import { Hal, StorageHal } from '../../firmware/hal/types';
import { Imu } from '../../firmware/imu/types';

declare const global: { AppBench: unknown };

function memStorage(): StorageHal {
  const files: { [name: string]: Uint8Array } = {};
  return {
    read: function (name, off, len) {
      const f = files[name];
      if (!f) return undefined;
      return f.subarray(off, len ? off + len : f.length);
    },
    write: function (name, data, off, size) {
      if (size) {
        files[name] = new Uint8Array(size);
        files[name].fill(255);
      }
      const f = files[name];
      if (!f) return false;
      f.set(data, off);
      return true;
    },
    erase: function (name) {
      delete files[name];
    },
    list: function (prefix) {
      const out: string[] = [];
      for (const k in files) if (k.indexOf(prefix) === 0) out.push(k);
      return out;
    },
    free: function () {
      return 1 << 20;
    },
  };
}

global.AppBench = function (words: Hal['words']) {
  const b = { clk: 1.8e12, period: 0, tick: null as null | (() => void), app: null as unknown };
  const noop = function () {};
  const hal: Hal = {
    now: function () {
      return b.clk;
    },
    setClock: noop,
    every: function (fn, ms) {
      // The sampling loop's timer: the one whose period is a block's.
      if (ms === 400 || ms === 1600) {
        b.tick = fn;
        b.period = ms;
      }
      return 1;
    },
    after: function () {
      return 2;
    },
    cancel: noop,
    i2cWrite: noop,
    i2cRead: function () {
      return new Uint8Array(0);
    },
    words: words,
    motor: noop,
    buttonDown: function () {
      return false;
    },
    onButton: noop,
    storage: memStorage(),
    battery: function () {
      return 90;
    },
    watchdog: noop,
    kick: noop,
    print: noop,
    linkOnData: noop,
    linkWrite: noop,
    repl: noop,
    toBase64: function () {
      return '';
    },
    flat: function () {
      return true;
    },
    memory: function () {
      return { usage: 0, total: 0 };
    },
    esp: '2v29',
    clockRate: 1,
    codeCrc: 0,
  };
  const imu: Imu = {
    name: 'bench',
    gyroPerDps: 131,
    left: 0,
    configure: noop,
    read: function (acc, gyr, k, max) {
      // Filled once (the same buffers come back every block), with 5 mg of sway between
      // samples: worn and still, not lying on a desk.
      if (acc[acc.length - 1] !== 4096) for (let i = 0; i < acc.length; i += 3) acc.set([7094, i % 6 ? 28 : -52, 4096], i);
      return max;
    },
    gyro: noop,
    rest: noop,
    peek: noop,
    close: noop,
  };
  const app = createApp(hal, 'bench', imu, 8);
  app.setClock(b.clk, 0);
  app.core.setReference(7094, -12, 4096);
  b.app = app;
  return b;
};
