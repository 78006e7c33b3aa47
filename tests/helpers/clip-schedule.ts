// Runs the firmware app on a fake board through a schedule of postures and changes, and
// keeps what its core saw (every block, and where each change fell between blocks), so the
// host's replay can run the same samples under the same schedule and must give the same
// events.
import { createApp, LOG_FILES } from '../../firmware/app';
import { Imu } from '../../firmware/imu/types';
import { Config } from '../../shared/config';
import { generate, Segment } from '../../host/sim/scenario';
import { Recording } from '../../host/replay/samples-csv';
import { Action, ScheduledAction } from '../../host/replay/schedule';
import { createFakeHal } from './fake-hal';

export type Step =
  | { kind: 'posture'; segment: Segment }
  | { kind: 'wait'; ms: number }
  | { kind: 'change'; action: Action };

export interface ClipRun {
  events: { type: number; t: number; a: number; b: number }[];
  recording: Recording;
  schedule: ScheduledAction[];
  initial: Config;
  motorLog: [number, number][];
}

const GYRO_PER_DPS = 131;
const c16 = (v: number) => Math.max(-32767, Math.min(32767, Math.round(v)));

/** An IMU whose FIFO the test fills; configure() empties it, as a real one restarts. */
function fifoImu() {
  let q: number[] = [];
  let at = 0;
  const imu: Imu & { push(s: number[]): void; rate: number } = {
    name: 'fifo',
    gyroPerDps: GYRO_PER_DPS,
    left: 0,
    rate: 25,
    configure(hz) {
      imu.rate = hz;
      q = [];
      at = 0;
    },
    rest() {},
    gyro() {},
    peek(acc) {
      acc.set(q.length >= 3 ? q.slice(-6, -3) : [0, 0, 8192]);
    },
    read(acc, gyr, k, max) {
      let n = 0;
      for (; n < max && at < q.length; n++, at += 6) {
        const j = (k + n) * 3;
        acc[j] = q[at];
        acc[j + 1] = q[at + 1];
        acc[j + 2] = q[at + 2];
        gyr[j] = q[at + 3];
        gyr[j + 1] = q[at + 4];
        gyr[j + 2] = q[at + 5];
      }
      if (at === q.length) {
        q = [];
        at = 0;
      }
      imu.left = (q.length - at) / 6;
      return n;
    },
    close() {},
    push(s) {
      for (const v of s) q.push(v);
    },
  };
  return imu;
}

/** config: assignments applied (through the app, as a therapist would) before anything runs. */
export function runClip(steps: Step[], opts: { seed: number; initial?: Record<string, number> }): ClipRun {
  const hal = createFakeHal(undefined, 1_000_000);
  const imu = fifoImu();
  const app = createApp(hal, 'pico', imu, LOG_FILES);
  // As while the host streams: the IMU never rests, so every sample reaches the core and the
  // replay of them is the clip's own run (tests/power.test.ts covers the resting states).
  app.live = true;
  if (opts.initial && app.setConfig(opts.initial, '') !== 0) throw new Error('bad initial config');
  const initial = { ...app.st.config };
  const events: ClipRun['events'] = [];
  app.onEvent = (type, t, a, b) => void events.push({ type, t, a, b });
  const t: number[] = [], acc: number[] = [], gyr: number[] = [];
  let blocks = 0;
  app.onBlock = (tb, ab, gb, n) => {
    for (let i = 0; i < n; i++) {
      t.push(tb - (n - 1 - i)); // the block ends at tb; replay reads only that
      for (let k = 0; k < 3; k++) {
        acc.push(ab[3 * i + k]);
        gyr.push(gb ? gb[3 * i + k] : 0);
      }
    }
    blocks++;
  };
  const schedule: ScheduledAction[] = [];
  let seed = opts.seed;
  // Samples go into the FIFO a tick's worth (200 ms) at a time, then the clock runs on.
  const feed = (samples: number[][]) => {
    const per = Math.round(imu.rate / 5);
    for (let i = 0; i < samples.length; i += per) {
      for (const s of samples.slice(i, i + per)) imu.push(s);
      hal.advance(200);
    }
  };
  for (const s of steps) {
    if (s.kind === 'posture') {
      const gen = generate([s.segment], { rateHz: imu.rate, seed: seed++, rotationDeg: 30 });
      feed(gen.map((x) => [c16(x.ax * 8192), c16(x.ay * 8192), c16(x.az * 8192), c16(x.gx * GYRO_PER_DPS), c16(x.gy * GYRO_PER_DPS), c16(x.gz * GYRO_PER_DPS)]));
    } else if (s.kind === 'wait') hal.advance(s.ms);
    else {
      const a = s.action;
      const at = hal.now();
      if (a.kind === 'config') {
        const values: Record<string, number> = {};
        for (const kv of a.set) values[kv.split('=')[0]] = Number(kv.split('=')[1]);
        if (app.setConfig(values, '') !== 0) continue; // refused (e.g. hysteresis above the threshold): nothing happened
      } else if (a.kind === 'snooze') app.snooze(a.min ?? app.st.config.snooze_min);
      else if (a.kind === 'mode') app.setMode(a.mode);
      else if (a.kind === 'calibrate') app.core.calibrate(at, app.st.config.calib_s * 1000);
      else app.setClock(at + a.ms);
      schedule.push({ atMs: at, action: a, spec: JSON.stringify(a), block: blocks });
    }
  }
  const n = t.length;
  const recording: Recording = {
    t: Float64Array.from(t), acc: Int16Array.from(acc), gyr: Int16Array.from(gyr), n,
    hasGyro: true, gyroPerDps: GYRO_PER_DPS, meta: {}, clamped: 0,
  };
  // Times relative to the first sample, as replay() reads them.
  const t0 = n ? recording.t[0] : 0;
  for (const s of schedule) s.atMs -= t0;
  return { events, recording, schedule, initial, motorLog: hal.motorLog };
}
