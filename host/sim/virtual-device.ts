// The virtual clip: the real firmware bundle in the Espruino emulation, an MPU6050 model fed
// by a motion script (or a samples CSV), Storage persisted to a file so a restart keeps its
// log and config. Time runs on a virtual clock, in real time times `speed`, or by hand.
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths';
import { detokenise } from '../../firmware/build/pretokenise';
import { createEspruinoEnv, EspruinoEnv } from './espruino-env';
import { createFlashStorage, FlashStorage } from './flash-storage';
import { I2cDevice, mpu6050Model } from './imu-models';
import { generate, OFFICE_SCRIPT, Sample, Segment } from './scenario';
import { createExerciser, ExerciseHabit } from './wearer';

export const DEFAULT_BUNDLE = join(repoRoot, 'firmware', 'dist', 'posture-pico.js');
export const SIM_RATE = 50;
/** The virtual clip sits rotated on the back (calibration removes it). */
const ROTATION_DEG = 25;

export interface VirtualDeviceOptions {
  /** Motion script, or samples (at any rate; they are used at their own timestamps). */
  scenario?: Segment[] | Sample[];
  /** Virtual ms per real ms; 0 = advance by hand with advance(). */
  speed?: number;
  storageFile?: string;
  bundle?: string;
  /** Virtual time at power-on (ms since 1970); the clock is "unset" like a fresh board. */
  start?: number;
  /** Loop the scenario (default true). */
  loop?: boolean;
  battery?: () => number;
  /** Hold the button at the first power-on, let go after (the firmware then leaves the REPL on USB). */
  holdButtonAtBoot?: boolean;
  /** The Espruino version the clip reports (default 2v29). */
  espVersion?: string;
  /** Keep everything the clip wrote in `output` (default true, for tests); a long-running simulator does not. */
  keepOutput?: boolean;
  /** The wearer does a set of each exercise when the clip reminds them, well or badly (default: never). */
  exercises?: ExerciseHabit;
  /** A chip on SPI2, for the pico-w25q bundle (host/sim/w25q-model.ts): it outlives reboots, as a soldered chip does. */
  spi?: (data: Uint8Array) => Uint8Array;
}

export interface VirtualDevice {
  env: EspruinoEnv;
  imu: I2cDevice;
  /** Virtual ms since the device was made (reboots and clock sets leave it alone). */
  virtualMs: number;
  storage: FlashStorage;
  /** Bytes from the host. */
  input(data: string): void;
  onOutput(fn: (data: string) => void): void;
  advance(ms: number): void;
  /** Power-cycles: RAM gone, Storage kept, boots .bootcde if present, else the bundle. */
  reboot(): void;
  stop(): void;
  output: string[];
}

function loadStorage(file?: string): FlashStorage {
  const files = new Map<string, Uint8Array>();
  if (file && existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const [k, v] of Object.entries(j)) files.set(k, new Uint8Array(Buffer.from(v, 'base64')));
  }
  return createFlashStorage(256 * 1024, files);
}

function saveStorage(s: FlashStorage, file: string) {
  const j: Record<string, string> = {};
  for (const [k, v] of s.files) j[k] = Buffer.from(v).toString('base64');
  writeFileSync(file + '.tmp', JSON.stringify(j));
  renameSync(file + '.tmp', file); // a crash mid-save keeps the previous state
}

export function createVirtualDevice(o: VirtualDeviceOptions = {}): VirtualDevice {
  const storage = loadStorage(o.storageFile);
  // Virtual ms since the device was made: a clock no reboot or clock set moves (the energy ledger's).
  let virt = 0;
  const imu = mpu6050Model(1024, () => virt);
  const samples: Sample[] = Array.isArray(o.scenario) && o.scenario.length && 't' in (o.scenario[0] as object)
    ? (o.scenario as Sample[])
    : generate((o.scenario as Segment[] | undefined) ?? OFFICE_SCRIPT, { rateHz: SIM_RATE, seed: 11, rotationDeg: ROTATION_DEG });
  const span = samples.length ? samples[samples.length - 1].t + 1000 / SIM_RATE : 1;
  let listeners: ((d: string) => void)[] = [];
  const output: string[] = [];
  let env: EspruinoEnv;
  let elapsed = 0, pushed = 0, savedWrites = -1, realTimer: NodeJS.Timeout | null = null;
  // The MPU-6050's INT pin wired to the Pico's B5, as hardware/README.md has it.
  imu.onInt = () => env.imuLine();
  // A set the wearer is doing: its samples, from when, how many pushed; the script waits meanwhile (shift).
  const exerciser = o.exercises ? createExerciser(o.exercises, SIM_RATE, ROTATION_DEG) : null;
  let set: Sample[] | null = null, setFrom = 0, setPushed = 0, shift = 0;
  const start = o.start ?? 0;

  function boot() {
    env = createEspruinoEnv({
      storage,
      devices: new Map([[0x68, imu]]),
      start: env ? env.now() : start,
      onConsoleOut: (d) => {
        if (o.keepOutput !== false) output.push(d);
        for (const l of listeners) l(d);
      },
      battery: o.battery,
      buttonHeld: o.holdButtonAtBoot && !env,
      espVersion: o.espVersion,
      speed: o.speed,
      spi: o.spi,
    });
    elapsed = 0; // motion time since power-on: independent of the device clock, which the host may set
    pushed = 0;
    shift = 0;
    set = null;
    imu.fifo.length = 0;
    imu.regs.fill(0);
    imu.regs[0x75] = 0x68;
    const boot = storage.read('.bootcde', 0, 0);
    // A flashed .bootcde is pretokenised; Espruino lexes the tokens, this emulation the text.
    let code = readFileSync(o.bundle ?? DEFAULT_BUNDLE, 'utf8');
    if (boot) {
      try {
        code = detokenise(Buffer.from(boot).toString('latin1'));
      } catch (e) {
        code = `throw new SyntaxError(${JSON.stringify((e as Error).message)})`; // as Espruino refuses a torn upload
      }
    }
    env.run(code);
  }

  /** Moves the motion script up to now into the IMU FIFO at the rate its registers set. */
  function feed() {
    const div = imu.regs[0x19];
    const rate = 1000 / (1 + div);
    const step = Math.max(1, Math.round(SIM_RATE / rate));
    const loop = o.loop ?? true;
    const c = (v: number, k: number) => Math.max(-32767, Math.min(32767, Math.round(v * k)));
    if (exerciser && !set) {
      const s = exerciser.feel(env.motorLog);
      if (s && s.length) {
        set = s;
        setFrom = elapsed;
        setPushed = 0;
      }
    }
    if (set) {
      for (; setPushed < set.length && setFrom + set[setPushed].t <= elapsed; setPushed++) {
        const s = set[setPushed];
        if (setPushed % step === 0) imu.push(c(s.ax, 8192), c(s.ay, 8192), c(s.az, 8192), c(s.gx, 131), c(s.gy, 131), c(s.gz, 131));
      }
      if (setPushed < set.length) return;
      shift += set[set.length - 1].t + 1000 / SIM_RATE;
      set = null;
    }
    for (;;) {
      const i = pushed;
      const round = Math.floor(i / samples.length);
      if (!loop && round > 0) break;
      const s = samples[i % samples.length];
      if (round * span + s.t + shift > elapsed) break;
      if (i % step === 0) imu.push(c(s.ax, 8192), c(s.ay, 8192), c(s.az, 8192), c(s.gx, 131), c(s.gy, 131), c(s.gz, 131));
      pushed++;
    }
  }

  function advance(ms: number) {
    let left = ms;
    while (left > 0) {
      const d = Math.min(20, left);
      feed();
      env.advance(d);
      elapsed += d;
      virt += d;
      left -= d;
      if (env.resetRequested) boot();
    }
    if (o.storageFile && storage.writes !== savedWrites) {
      savedWrites = storage.writes;
      saveStorage(storage, o.storageFile);
    }
  }

  boot();
  if (o.speed) {
    let last = Date.now();
    realTimer = setInterval(() => {
      const now = Date.now();
      advance((now - last) * o.speed!);
      last = now;
    }, 10);
  }

  return {
    get env() {
      return env;
    },
    imu,
    storage,
    get virtualMs() {
      return virt;
    },
    input: (d) => env.input(d),
    onOutput: (fn) => {
      listeners.push(fn);
    },
    advance,
    reboot: () => {
      boot();
    },
    stop: () => {
      if (realTimer) clearInterval(realTimer);
      realTimer = null;
      listeners = [];
      if (o.storageFile) saveStorage(storage, o.storageFile);
    },
    output,
  };
}
