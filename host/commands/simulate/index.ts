// `posture simulate`: the virtual clip on a real pseudo-terminal. Returns once it is up;
// the caller keeps the process alive and calls stop().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../../cli/errors';
import { loadRecording } from '../replay/index';
import { attachDevice, startPty } from '../../sim/pty';
import { OFFICE_SCRIPT, Sample, Segment } from '../../sim/scenario';
import { createVirtualDevice } from '../../sim/virtual-device';
import { distBundle } from '../../firmware-dist';

export const SCENARIOS: Record<string, Segment[]> = {
  'office-day': OFFICE_SCRIPT,
  slouch: [{ activity: 'upright', seconds: 20 }, { activity: 'slouch', seconds: 120, deg: 25 }],
  walk: [{ activity: 'walk', seconds: 120 }],
};

export interface SimulateOptions {
  cwd: string;
  scenario?: string;
  speed?: number;
  link?: string;
  storage?: string;
  bundle?: string;
  /** The wearer answers the exercise reminder, well or badly. */
  exercises?: 'well' | 'badly';
  /** Progress lines (the first run builds the firmware). */
  say?: (line: string) => void;
}

export async function simulateCommand(o: SimulateOptions) {
  const speed = o.speed ?? 1;
  if (!(speed > 0 && speed <= 1000)) throw new UsageError(`--speed ${o.speed}: expected a number from 0.1 to 1000`);
  const name = o.scenario ?? 'office-day';
  let scenario: Segment[] | Sample[];
  if (SCENARIOS[name]) scenario = SCENARIOS[name];
  else if (/\.csv$/i.test(name)) {
    const rec = loadRecording(o.cwd, name);
    scenario = Array.from({ length: rec.n }, (_, i) => ({
      t: rec.t[i] - rec.t[0],
      ax: rec.acc[3 * i] / 8192, ay: rec.acc[3 * i + 1] / 8192, az: rec.acc[3 * i + 2] / 8192,
      gx: rec.gyr[3 * i] / rec.gyroPerDps, gy: rec.gyr[3 * i + 1] / rec.gyroPerDps, gz: rec.gyr[3 * i + 2] / rec.gyroPerDps,
    }));
  } else throw new UsageError(`--scenario ${name}: expected one of ${Object.keys(SCENARIOS).join(', ')} or a samples .csv file`);
  // The device first: a missing bundle is built (or refused) before anything is started.
  const bundle = o.bundle ?? distBundle('posture-pico.js', o.say);
  const dir = mkdtempSync(join(tmpdir(), 'posture-sim-'));
  const storage = o.storage ? resolve(o.cwd, o.storage) : join(dir, 'flash.json');
  const cleanup: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const undo = async () => {
    for (const f of cleanup.reverse()) await f();
  };
  try {
    const dev = createVirtualDevice({ scenario, speed, storageFile: storage, bundle, start: 0, keepOutput: false, exercises: o.exercises }); // a fresh board's clock counts from power-on
    cleanup.push(() => dev.stop());
    const link = o.link ? resolve(o.cwd, o.link) : join(dir, 'tty');
    const pty = await startPty(link, join(dir, 'device-end'), dir);
    cleanup.push(() => pty.stop());
    const port = await attachDevice(dev, pty.devicePath);
    cleanup.push(() => (port.isOpen ? new Promise<void>((r) => port.close(() => r())) : undefined));
    return {
      /** The virtual clip itself, for in-process measurements (the console bench). */
      device: dev,
      path: link,
      scenario: name,
      speed,
      // Where its flash lives: the user's --storage file, or the temporary folder removed at stop.
      storage: o.storage ? storage : null,
      stop: undo,
    };
  } catch (e) {
    await undo();
    throw e;
  }
}
