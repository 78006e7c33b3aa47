// `posture stream`: live data from the clip until --duration or Ctrl-C. Block summaries go to
// onSample; with a CSV file, raw samples are written in the samples CSV format (readable by
// `posture replay`) behind a '#' metadata header.
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { deviceDir } from '../../archive/archive';
import { withDevice } from '../device';
import { formatSampleRow, SAMPLES_HEADER_GYRO } from '../../replay/samples-csv';
import { DeviceError, UsageError } from '../../cli/errors';

export interface StreamSample {
  t: number;
  flex: number;
  lat: number;
  state: number;
  motion: number;
}

export interface StreamOptions {
  cwd: string;
  port?: string;
  durationS?: number;
  hz?: number;
  csv?: string;
  /** Files the raw samples in DIR/<id>/samples/<start time>.csv (when no csv is given). */
  archive?: string;
  onSample?: (s: StreamSample) => void;
  onEvent?: (e: { type: number; t: number; a: number; b: number }) => void;
  /** Resolves when the caller wants to stop (Ctrl-C). */
  stop?: Promise<void>;
}

export async function streamCommand(o: StreamOptions): Promise<{ samples: number; raw: number; csv?: string }> {
  const hz = o.hz ?? 25;
  if (!(Number.isInteger(hz) && hz >= 1 && hz <= 50)) throw new UsageError('--hz must be a whole number from 1 to 50');
  if (o.durationS !== undefined && !(o.durationS > 0)) throw new UsageError('--duration must be a positive number of seconds');
  return withDevice(o.port, async (link) => {
    let out: WriteStream | null = null;
    const h = link.hello!;
    const gyroPerDps = h.imu === 'LSM6DS3TR-C' ? 114 : 131;
    // One clock per recording: its name, its "# start:" and its rows all use the clip's clock
    // (UTC once set), and the header records how far that clock was from this computer's.
    const offsetMs = h.clock - Date.now();
    const clipNow = () => new Date(h.clockSet ? Date.now() + offsetMs : Date.now());
    let csv = o.csv ? resolve(o.cwd, o.csv) : undefined;
    if (!csv && o.archive) {
      const dir = join(deviceDir(resolve(o.cwd, o.archive), h.id), 'samples');
      mkdirSync(dir, { recursive: true });
      csv = join(dir, clipNow().toISOString().replace(/[:.]/g, '-') + '.csv');
    }
    if (csv) {
      out = createWriteStream(csv);
      const cfg = (await link.request('get', {})).cfg;
      out.write(`# device: ${h.id}\n# board: ${h.board} ${h.imu}\n# firmware: ${h.fw}\n# config: ${JSON.stringify(cfg)}\n# start: ${clipNow().toISOString()}\n# clock: ${h.clockSet ? `the clip's, set, ${(offsetMs / 1000).toFixed(1)} s from the recording computer's` : "not set: rows count from the clip's power-on, the start is the recording computer's"}\n# gyro_counts_per_dps: ${gyroPerDps}\n${SAMPLES_HEADER_GYRO}\n`);
    }
    let samples = 0, raw = 0;
    link.on('sample', (s: StreamSample) => {
      samples++;
      o.onSample?.(s);
    });
    link.on('event', (e) => o.onEvent?.(e));
    link.on('raw', (m: { t: number; v: number[] }) => {
      raw++;
      if (out) {
        const g = 8192, d = gyroPerDps;
        out.write(formatSampleRow(m.t, m.v[0] / g, m.v[1] / g, m.v[2] / g, m.v[3] / d, m.v[4] / d, m.v[5] / d) + '\n');
      }
    });
    await link.request('stream', { hz });
    const waits: Promise<unknown>[] = [];
    if (o.durationS) waits.push(new Promise((r) => setTimeout(r, o.durationS! * 1000)));
    if (o.stop) waits.push(o.stop);
    let unplugged = false;
    const disconnected = new Promise((r) => link.once('disconnect', () => r((unplugged = true))));
    waits.push(disconnected);
    await Promise.race(waits);
    if (link.isOpen) await link.request('stream', { hz: 0 }).catch(() => undefined);
    if (out) await new Promise((r) => out!.end(r)); // everything received is on disk
    if (unplugged) {
      throw new DeviceError(`the clip was disconnected after ${samples} samples${csv ? `; ${raw} raw samples are saved in ${csv}` : ''}`, true);
    }
    return { samples, raw, csv };
  });
}
