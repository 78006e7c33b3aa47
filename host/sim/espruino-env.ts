// An emulation of the Espruino API the firmware uses, so the very bundle in firmware/dist
// runs in Node: I2C1 with a register-level IMU model, timers on a virtual clock, Storage with
// flash semantics, pins and PWM, the button, USB as the console with a minimal REPL.
import { runInContext, createContext } from 'node:vm';
import { crc32 } from '../../shared/crc';
import { FlashStorage } from './flash-storage';
import { I2cDevice } from './imu-models';

/**
 * Espruino 2v29's String.indexOf, quirk included (src/jswrap_string.c): a needle cut off by
 * the end of the text compares equal there (",ab,".indexOf(",x,") is 3). Installed in the
 * virtual device's context, so firmware relying on -1 fails there as it would on a board.
 */
export const ESPRUINO_INDEXOF =
  'String.prototype.indexOf=function(n,f){n=String(n);if(n.length>this.length)return-1;for(var i=f>0?f|0:0;i<this.length;i++)if(this.substr(i,n.length)===n.substr(0,this.length-i))return i;return n.length?-1:this.length}';

interface Timer {
  id: number;
  at: number;
  every: number;
  fn: () => void;
}

export interface EnvOptions {
  storage: FlashStorage;
  devices: Map<number, I2cDevice>;
  /** Device time at boot (ms): what getTime() starts from. */
  start?: number;
  onConsoleOut: (data: string) => void;
  battery?: () => number;
  /** The button is held at power-on. */
  buttonHeld?: boolean;
  /** Espruino's version as process.version says it (default 2v29). */
  espVersion?: string;
  /** Virtual seconds per real second, when the emulation runs time faster (the simulator's --speed). */
  speed?: number;
  /** The chip on SPI2 (a board with the external log flash): what a send with its chip select low returns. */
  spi?: (data: Uint8Array) => Uint8Array;
}

export interface EspruinoEnv {
  /** Runs a program text as Espruino would at boot. Errors are printed like Espruino does. */
  run(code: string): void;
  /** Data arriving on the USB console. */
  input(data: string): void;
  /** Advances the virtual clock, running due timers. */
  advance(ms: number): void;
  now(): number;
  /** Button edges. */
  button(down: boolean): void;
  /** A rising edge on the IMU's interrupt line (B5), to whatever the program watches there. */
  imuLine(): void;
  /** Motor duty history [virtual ms, duty]. */
  motorLog: [number, number][];
  /** True while the REPL owns the console. */
  repl(): boolean;
  /** Set when the program called reset() or load(): the device must reboot. */
  resetRequested: boolean;
  errors: string[];
  watchdogFired: boolean;
  /** Timer callbacks run: each a wake of the MCU on a board. */
  wakes: number;
}

const bin = (u8: Uint8Array) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('latin1');
const bytes = (s: string | ArrayLike<number>) =>
  typeof s === 'string' ? new Uint8Array(Buffer.from(s, 'latin1')) : Uint8Array.from(s as ArrayLike<number>);

/**
 * E.mapInPlace as the firmware uses it: no map, bytes into 16-bit words (bits 16: most
 * significant byte first, -16: least), stored into an Int16Array (so wrapping to signed).
 */
export function mapInPlace16(from: Uint8Array, to: Int16Array, map: unknown, bits: number): void {
  if (map !== undefined || (bits !== 16 && bits !== -16) || !(from instanceof Uint8Array)) throw new Error('E.mapInPlace: only bytes to 16-bit words without a map are emulated');
  for (let i = 0, j = 0; i + 1 < from.length && j < to.length; i += 2, j++) to[j] = bits > 0 ? (from[i] << 8) | from[i + 1] : from[i] | (from[i + 1] << 8);
}

export function createEspruinoEnv(o: EnvOptions): EspruinoEnv {
  // Timers and the watchdog run on a monotonic clock; getTime adds an offset that setTime moves,
  // as on a board, where setting the time does not disturb intervals.
  let clock = 0;
  let offset = o.start ?? 0;
  let timers: Timer[] = [];
  let nextId = 1;
  let consoleOnUsb = true; // the REPL owns USB until the firmware moves it
  let usbData: ((d: string) => void) | null = null;
  let replLine = '';
  let i2cPtr = 0;
  let wdSeconds = 0, wdKicked = 0;
  const pins: Record<string, { name: string; state: number }> = {};
  let buttonWatch: ((e: { state: boolean; time: number }) => void) | null = null;
  let lineWatch: ((e: { state: boolean; time: number }) => void) | null = null;
  let btnDown = o.buttonHeld ?? false;
  const env: EspruinoEnv = {
    motorLog: [],
    resetRequested: false,
    errors: [],
    watchdogFired: false,
    wakes: 0,
    run(code) {
      try {
        runInContext(code, ctx, { filename: 'espruino' });
      } catch (e) {
        report(e);
      }
    },
    input(data) {
      if (!consoleOnUsb && usbData) {
        guard(() => usbData!(data));
        return;
      }
      replInput(data);
    },
    advance(ms) {
      const end = clock + ms;
      for (;;) {
        let due: Timer | null = null;
        for (const t of timers) if (t.at <= end && (!due || t.at < due.at || (t.at === due.at && t.id < due.id))) due = t;
        if (!due) break;
        clock = Math.max(clock, due.at);
        if (due.every) due.at += due.every;
        else timers = timers.filter((t) => t !== due);
        const fn = due.fn;
        env.wakes++;
        guard(fn);
        if (wdSeconds && clock - wdKicked > wdSeconds * 1000) {
          env.watchdogFired = true;
          env.resetRequested = true;
          return;
        }
      }
      clock = end;
    },
    now: () => clock + offset,
    imuLine() {
      if (lineWatch) guard(() => lineWatch!({ state: true, time: (clock + offset) / 1000 }));
    },
    button(down) {
      btnDown = down;
      if (buttonWatch) guard(() => buttonWatch!({ state: down, time: (clock + offset) / 1000 }));
    },
    repl: () => consoleOnUsb,
  };

  function report(e: unknown) {
    const msg = `Uncaught ${(e as Error)?.message ?? e}`;
    env.errors.push(msg);
    o.onConsoleOut(msg + '\r\n');
  }
  function guard(fn: () => void) {
    try {
      fn();
    } catch (e) {
      report(e);
    }
  }

  function replInput(data: string) {
    for (const ch of data) {
      if (ch === '\x03') {
        replLine = '';
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        const line = replLine;
        replLine = '';
        if (!line) continue;
        // Espruino: a line starting with DLE (0x10) is not echoed.
        const quiet = line.charCodeAt(0) === 0x10;
        const src = quiet ? line.slice(1) : line;
        if (!quiet) o.onConsoleOut(src + '\r\n');
        try {
          const r = runInContext(src, ctx, { filename: 'repl' });
          if (!quiet && r !== undefined) o.onConsoleOut('=' + JSON.stringify(r) + '\r\n');
        } catch (e) {
          report(e);
        }
        if (!quiet) o.onConsoleOut('>');
        continue;
      }
      replLine += ch;
    }
  }

  const storage = {
    read(name: string, offset?: number, length?: number) {
      const b = o.storage.read(name, offset ?? 0, length ?? 0);
      return b ? bin(b) : undefined;
    },
    readJSON(name: string) {
      const s = storage.read(name);
      return s === undefined ? undefined : JSON.parse(s);
    },
    write(name: string, data: string | Uint8Array, offset?: number, size?: number) {
      if (name.length > 28) name = name.slice(0, 28);
      // As Espruino's jsfWriteFile: a write that cannot be done throws (Storage full, a file
      // missing, or bytes already written); it never just returns false.
      if (!o.storage.write(name, typeof data === 'string' ? bytes(data) : data, offset ?? 0, size ?? 0)) {
        throw new Error('Unable to find or create file');
      }
      return true;
    },
    writeJSON(name: string, v: unknown) {
      return storage.write(name, JSON.stringify(v));
    },
    erase(name: string) {
      o.storage.erase(name);
    },
    list(re?: RegExp | string) {
      const all = o.storage.list('');
      if (!re) return all;
      const r = typeof re === 'string' ? new RegExp('^' + re) : re;
      return all.filter((n) => r.test(n));
    },
    getFree: () => o.storage.free(),
    // Erased files are reclaimed at once here (no trash): as a board right after compaction.
    getStats: () => ({
      totalBytes: o.storage.capacity,
      freeBytes: o.storage.free(),
      fileBytes: o.storage.capacity - o.storage.free(),
      fileCount: o.storage.files.size,
      trashBytes: 0,
      trashCount: 0,
    }),
    compact: () => undefined,
  };

  const pin = (name: string) => (pins[name] ??= { name, state: 0 });
  const USB = {
    on(ev: string, fn: (d: string) => void) {
      if (ev === 'data') usbData = fn;
    },
    removeAllListeners() {
      usbData = null;
    },
    write(d: string) {
      o.onConsoleOut(String(d));
    },
    setup() {},
  };
  const LoopbackA = { name: 'LoopbackA' };

  const g: Record<string, unknown> = {
    SPI2: {
      setup() {},
      // As Espruino: chip select low for the whole send, a Uint8Array back for an array in.
      send(data: ArrayLike<number>, cs: { name: string; state: number }) {
        if (!o.spi) throw new Error('SPI2: nothing connected');
        if (!cs || cs.state !== 1) throw new Error('SPI2: chip select not idle high before the send');
        return o.spi(Uint8Array.from(data));
      },
    },
    I2C1: {
      setup() {},
      writeTo(a: number | { address: number }, ...data: (number | number[] | Uint8Array)[]) {
        const addr = typeof a === 'number' ? a : a.address;
        const d = o.devices.get(addr);
        if (!d) throw new Error('I2C Error: Timeout (start)');
        const flat: number[] = [];
        for (const x of data) {
          if (typeof x === 'number') flat.push(x);
          else flat.push(...Array.from(x));
        }
        if (flat.length === 1) {
          if (d.fail) throw new Error('I2C Error: Timeout (start)');
          i2cPtr = flat[0];
        } else d.write(flat);
      },
      readFrom(addr: number, n: number) {
        const d = o.devices.get(addr);
        if (!d) throw new Error('I2C Error: Timeout (start)');
        return d.read(i2cPtr, n);
      },
    },
    E: {
      toArrayBuffer: (s: string) => bytes(s).buffer,
      // Node's typed arrays are always contiguous.
      getAddressOf: () => 1,
      toString: (u8: Uint8Array | number[]) => bin(Uint8Array.from(u8)),
      convolve(a: ArrayLike<number>, b: ArrayLike<number>, off: number) {
        let v = 0;
        for (let i = 0; i < a.length; i++) v += a[i] * b[(i + off) % b.length];
        return v;
      },
      mapInPlace: mapInPlace16,
      // Espruino's E.CRC32 takes a string (its bytes) or an array of bytes.
      CRC32: (d: ArrayLike<number> | string) => crc32(typeof d === 'string' ? Buffer.from(d, 'latin1') : Uint8Array.from(d)),
      enableWatchdog(s: number) {
        wdSeconds = s;
        wdKicked = clock;
      },
      kickWatchdog() {
        wdKicked = clock;
      },
      getBattery: () => (o.battery ? o.battery() : 90),
      setConsole(dev: unknown) {
        consoleOnUsb = dev === USB;
        if (consoleOnUsb) o.onConsoleOut('>');
      },
    },
    USB,
    LoopbackA,
    process: { memory: () => ({ usage: 0, total: 5100, free: 5100 }), env: { BOARD: 'PICO', VERSION: o.espVersion ?? '2v29', ...(o.speed && o.speed !== 1 ? { SIM_SPEED: o.speed } : {}) }, version: o.espVersion ?? '2v29' },
    setInterval: (fn: () => void, ms: number) => {
      const t = { id: nextId++, at: clock + Math.max(1, ms), every: Math.max(1, ms), fn };
      timers.push(t);
      return t.id;
    },
    setTimeout: (fn: () => void, ms: number) => {
      const t = { id: nextId++, at: clock + Math.max(0, ms), every: 0, fn };
      timers.push(t);
      return t.id;
    },
    clearInterval: (id: number) => {
      timers = timers.filter((t) => t.id !== id);
    },
    clearTimeout: (id: number) => {
      timers = timers.filter((t) => t.id !== id);
    },
    analogWrite: (p: { name: string }, v: number) => {
      pin(p.name).state = v;
      if (p.name === 'B4') env.motorLog.push([clock, v]);
    },
    digitalWrite: (p: { name: string }, v: number) => {
      pin(p.name).state = v;
      if (p.name === 'B4') env.motorLog.push([clock, v ? 1 : 0]);
    },
    analogRead: () => 0.6,
    digitalRead: (p: { name: string }) => (p.name === 'BTN' ? (btnDown ? 1 : 0) : pin(p.name).state ? 1 : 0),
    setWatch: (fn: (e: { state: boolean; time: number }) => void, p?: { name: string }) => {
      if (p && p.name === 'B5') lineWatch = fn;
      else buttonWatch = fn;
      return 1;
    },
    getTime: () => (clock + offset) / 1000,
    setTime: (s: number) => {
      offset = s * 1000 - clock;
    },
    print: (...a: unknown[]) => o.onConsoleOut(a.join(' ') + '\r\n'),
    console: { log: (...a: unknown[]) => o.onConsoleOut(a.join(' ') + '\r\n') },
    setDeepSleep: () => undefined,
    btoa: (s: string) => Buffer.from(s, 'latin1').toString('base64'),
    atob: (s: string) => Buffer.from(s, 'base64').toString('latin1'),
    reset: () => {
      env.resetRequested = true;
    },
    load: () => {
      env.resetRequested = true;
    },
    save: () => undefined,
  };
  for (const p of ['B1', 'B3', 'B4', 'B5', 'B6', 'B7', 'B13', 'B14', 'B15', 'A0', 'BTN', 'D1', 'D28', 'D29']) g[p] = pin(p);
  const ctx = createContext(g);
  g.global = ctx;
  runInContext(ESPRUINO_INDEXOF, ctx);
  g.require = (m: string) => {
    if (m === 'Storage') return storage;
    throw new Error('Module ' + m + ' not found');
  };
  return env;
}
