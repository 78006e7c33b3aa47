// Raw samples for export, streamed a line at a time (memory stays flat however long the
// recording), through the same line parser `posture replay` uses. And the ActiGraph-style
// CSV layout that GGIR and ActiPASS read.
import { FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError, fileProblem } from '../cli/errors';
import { createSamplesLineParser } from '../replay/samples-csv';

/** t_ms at or above this (2000-01-01) is already a UTC time; below it, time since the recording began. */
const EPOCH_2000 = 946684800000;

export interface SampleOut {
  t: number;
  /** UTC ms, or null when neither the samples nor a "# start:" line place it in time. */
  utc: number | null;
  /** ax, ay, az (g), gx, gy, gz (deg/s; 0 without gyro columns). */
  v: number[];
}

export async function* recordingSamples(file: string): AsyncGenerator<SampleOut> {
  const p = createSamplesLineParser(basename(file));
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${fileProblem(e)}`);
  }
  // Read in 64 KB pieces and split lines here: the reader waits for the consumer, so memory
  // stays flat however slow the output is (readline's iterator reads ahead unbounded).
  const chunk = Buffer.alloc(64 * 1024);
  let rest = '', li = 0, n = 0, t0 = NaN, start: number | null = null;
  const one = (line: string): SampleOut | null => {
    const v = p.line(line, li++);
    if (!v) return null;
    if (n === 0) {
      t0 = v[0];
      const s = p.meta.start !== undefined ? Date.parse(p.meta.start) : NaN;
      start = Number.isFinite(s) ? s : null;
    }
    n++;
    const utc = v[0] >= EPOCH_2000 ? v[0] : start === null ? null : start + (v[0] - t0);
    return { t: v[0], utc, v: v.slice(1) };
  };
  try {
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (!bytesRead) break;
      const lines = (rest + chunk.toString('latin1', 0, bytesRead)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const s = one(line);
        if (s) yield s;
      }
    }
    if (rest) {
      const s = one(rest);
      if (s) yield s;
    }
  } finally {
    await fh.close();
  }
  p.finish(n);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ActiLife's "M/d/yyyy HH:mm:ss.fff", here in UTC. */
export function actigraphTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/**
 * The ten header lines of an ActiLife RAW CSV export. GGIR and ActiPASS take the rate from
 * "at N Hz" and the start from "Start Time"/"Start Date"; the rest is filled in honestly
 * where it can be (serial = device id) and marked as not applicable where it cannot.
 */
export function actigraphHeader(o: { hz: number; startUtc: number; deviceId: string; firmware: string }): string {
  const d = new Date(o.startUtc);
  const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return [
    `------------ Data File Created By ActiGraph GT3X+ ActiLife v6.13.4 Firmware v${o.firmware} date format M/d/yyyy at ${o.hz} Hz  Filter Normal -----------`,
    `Serial Number: PC${o.deviceId}`,
    `Start Time ${time}`,
    `Start Date ${date}`,
    'Epoch Period (hh:mm:ss) 00:00:00',
    `Download Time ${time}`,
    `Download Date ${date}`,
    'Current Memory Address: 0',
    'Current Battery Voltage: 0.00     Mode = 12',
    '--------------------------------------------------',
    'Timestamp,Accelerometer X,Accelerometer Y,Accelerometer Z',
  ].join('\r\n') + '\r\n';
}

/** Clip axes to ActiGraph's hip convention: Y vertical (clip x, up the spine), X = clip y, Z = clip z. */
export function actigraphRow(s: { utc: number; v: number[] }): string {
  const f = (x: number) => (Math.round(x * 1000) / 1000).toFixed(3);
  return `${actigraphTime(s.utc)},${f(s.v[1])},${f(s.v[0])},${f(s.v[2])}\r\n`;
}
