// `posture export --csv`: the archive as research CSV, one file per level, streamed.
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVENT_NAMES, STATE_NAMES } from '../../../shared/events';
import { eventJson } from '../../../shared/event-json';
import { deviceDir } from '../../archive/archive';
import { readRecords } from '../../archive/reader';
import { InputError, UsageError } from '../../cli/errors';
import { row } from '../../export/csv';
import { decodeRecord } from '../../log/records';

export const MINUTE_COLUMNS = [
  'device_id', 'seq', 'device_time_s', 'time_utc', 'clock_set', 'upright_s', 'slouch_s', 'moving_s', 'lying_s', 'off_s',
  'upper_back_flexion_mean_deg', 'upper_back_flexion_max_deg', 'alerts', 'corrections',
];
export const EVENT_COLUMNS = ['device_id', 'seq', 'device_time_ms', 'time_utc', 'clock_set', 'event', 'value_a', 'value_b', 'detail_json'];

const iso = (ms: number, set: boolean) => (set ? new Date(ms).toISOString() : '');

export interface ExportResult {
  files: string[];
  rows: number;
  devices: string[];
}

export async function exportCommand(o: { cwd: string; archive: string; level: string; out: string; device?: string }): Promise<ExportResult> {
  if (o.level !== 'minutes' && o.level !== 'events') {
    throw new UsageError(`--level ${o.level}: expected minutes or events (raw samples are exported from a "posture stream --csv" recording)`);
  }
  const archive = resolve(o.cwd, o.archive);
  if (!existsSync(archive)) throw new InputError(`no archive at ${archive}: run "posture pull --archive ${o.archive}" first`);
  const devices = o.device ? [o.device] : readdirSync(archive).filter((d) => /^[0-9a-f]{8}$/.test(d)).sort();
  if (!devices.length) throw new InputError(`${archive} holds no device folders`);
  const out = resolve(o.cwd, o.out);
  const ws = createWriteStream(out);
  const write = (s: string) => new Promise<void>((r) => (ws.write(s) ? r() : ws.once('drain', () => r())));
  await write(row(o.level === 'minutes' ? MINUTE_COLUMNS : EVENT_COLUMNS));
  let rows = 0;
  const meta: Record<string, unknown> = {};
  for (const id of devices) {
    const dir = deviceDir(archive, id);
    const bin = join(dir, 'records.bin');
    if (!existsSync(bin)) throw new InputError(`no records for device ${id} in ${archive}`);
    const stateFile = join(dir, 'state.json');
    meta[id] = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
    for (const b of readRecords(bin)) {
      const r = decodeRecord(b);
      if (o.level === 'minutes' && r.kind === 'minute') {
        await write(row([id, r.seq, r.t, iso(r.t * 1000, r.clockSet), r.clockSet, r.upright, r.slouch, r.moving, r.lying, r.off, r.flexMean / 10, r.flexMax / 10, r.alerts, r.corrected]));
        rows++;
      } else if (o.level === 'events' && r.kind === 'event') {
        await write(row([id, r.seq, r.t, iso(r.t, r.clockSet), r.clockSet, EVENT_NAMES[r.type] || `event_${r.type}`, r.a, r.b, eventJson(r.type, r.t, r.a, r.b)]));
        rows++;
      }
    }
  }
  await new Promise((r) => ws.end(r));
  const sidecar = out + '.json';
  writeFileSync(sidecar, JSON.stringify({ level: o.level, columns: o.level === 'minutes' ? MINUTE_COLUMNS : EVENT_COLUMNS, states: STATE_NAMES, devices: meta, exported: new Date().toISOString() }, null, 2) + '\n');
  return { files: [out, sidecar], rows, devices };
}
