// `posture export --csv`: the archive as research CSV, one file per level, streamed.
import { createWriteStream, existsSync, openSync, readdirSync, rmSync, WriteStream } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EVENT_NAMES, EV_CONFIG, EV_EX_REMINDER, EV_EX_SET, EV_FAULT, EV_LOW_BATTERY, EV_MODE, EV_SNOOZE, EV_TIME_SET, FAULT_NAMES } from '../../../shared/events';
import { exerciseColumns } from '../../export/exercise';
import { MODE_NAMES } from '../../../shared/config-docs';
import { eventJson } from '../../../shared/event-json';
import { deviceDir } from '../../archive/archive';
import { readState, recordingFiles } from '../../archive/load';
import { readRecords } from '../../archive/reader';
import { fileProblem, InputError, UsageError } from '../../cli/errors';
import { row } from '../../export/csv';
import { decodeRecord, EventRecord } from '../../log/records';
import { episodesOf } from '../../metrics/episodes';
import { repairArchives } from '../report/index';
import { columnNames } from '../../export/table-schemas';
import { writeDataPackage } from '../../export/datapackage';
import { decodeConfigEvent } from '../../log/config-event';
import { createResampler } from '../../export/resample';
import { csvToParquet } from '../../export/parquet';
import { actigraphHeader, actigraphRow, recordingSamples, SampleOut } from '../../export/samples';

export const MINUTE_COLUMNS = columnNames('minutes');
export const HOUR_COLUMNS = columnNames('hours');
export const EVENT_COLUMNS = columnNames('events');
export const SAMPLE_COLUMNS = columnNames('samples');
export const EPISODE_COLUMNS = columnNames('episodes');
export const EXERCISE_COLUMNS = columnNames('exercise');
const LEVELS = ['samples', 'minutes', 'hours', 'events', 'episodes', 'exercise'];
const COLUMNS: Record<string, string[]> = { minutes: MINUTE_COLUMNS, hours: HOUR_COLUMNS, events: EVENT_COLUMNS, episodes: EPISODE_COLUMNS, samples: SAMPLE_COLUMNS, exercise: EXERCISE_COLUMNS };
const columnsOf = (level: string) => COLUMNS[level];

const iso = (ms: number, set: boolean) => (set ? new Date(ms).toISOString() : '');

export interface ExportResult {
  files: string[];
  rows: number;
  devices: string[];
  /** Samples left out of an ActiGraph file because no "# start:" line places them in time. */
  unplaced?: number;
  /** What --repair repaired. */
  repairs?: string[];
}

/** A file written in 64 KB pieces, waiting for the disk when it lags: memory stays flat. */
function writer(path: string) {
  // Opened here, so a missing folder or a read-only place is a clear error before any work
  // (a stream would only say so later, in an event).
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new InputError(`cannot write ${path}: ${fileProblem(e, true)}`);
  }
  const ws: WriteStream = createWriteStream(path, { fd });
  let failed: Error | null = null;
  ws.on('error', (e) => (failed = e));
  let buf = '';
  const push = async () => {
    const b = buf;
    buf = '';
    if (!ws.write(b)) await new Promise<void>((r) => ws.once('drain', () => r()));
    if (failed) throw new InputError(`cannot write ${path}: ${(failed as NodeJS.ErrnoException).code ?? failed.message}`);
  };
  return {
    write: async (s: string) => {
      buf += s;
      if (buf.length >= 65536) await push();
    },
    end: async () => {
      if (buf) await push();
      await new Promise<void>((r) => ws.end(r));
      if (failed) throw new InputError(`cannot write ${path}: ${(failed as NodeJS.ErrnoException).code ?? failed.message}`);
    },
  };
}

/** Nominal rate from the median interval of a recording's first samples. */
function nominalHz(head: SampleOut[]): number {
  const d = head.slice(1).map((s, i) => s.t - head[i].t).filter((x) => x > 0).sort((a, b) => a - b);
  return d.length ? Math.round(1000 / d[d.length >> 1]) : 25;
}

/** --format actigraph: one file per recording, named OUT-<device>-<n>.csv. */
async function exportActigraph(o: { out: string; devices: string[]; archive: string; hz?: number; meta: Record<string, { device?: { fw?: string } }> }): Promise<ExportResult> {
  const files: string[] = [];
  let rows = 0, unplaced = 0;
  const base = o.out.replace(/\.csv$/i, '');
  for (const id of o.devices) {
    let k = 0;
    for (const rec of recordingFiles(deviceDir(o.archive, id))) {
      const path = `${base}-${id}-${++k}.csv`;
      const w = writer(path);
      const head: SampleOut[] = [];
      let resampler: ReturnType<typeof createResampler> | null = null;
      let pending = '';
      // The header waits for the first grid row: its start time is that row's time.
      let header = (utc: number) => {
        header = () => '';
        return actigraphHeader({ hz, startUtc: utc, deviceId: id, firmware: o.meta[id]?.device?.fw ?? '0.0.0' });
      };
      let hz = 25;
      const start = () => {
        const src = nominalHz(head);
        hz = o.hz ?? src;
        resampler = createResampler({ srcHz: src, dstHz: hz, emit: (s) => {
          pending += header(s.utc) + actigraphRow(s);
          rows++;
        } });
        for (const s of head) put(s);
      };
      const put = (s: SampleOut) => {
        if (s.utc === null) unplaced++;
        else resampler!.push({ utc: s.utc, v: s.v });
      };
      for await (const s of recordingSamples(rec)) {
        if (resampler) put(s);
        else if (head.push(s) >= 64) start();
        if (pending.length >= 65536) {
          await w.write(pending);
          pending = '';
        }
      }
      if (!resampler) start();
      pending = header(0) + pending; // a recording with no placed sample still gets its header
      if (pending) await w.write(pending);
      await w.end();
      files.push(path);
    }
  }
  if (!files.length) throw new InputError(`no raw recordings in ${o.archive}/<id>/samples/: record some with "npx posture stream --archive ${o.archive}"`);
  return { files, rows, devices: o.devices, unplaced };
}

export async function exportCommand(o: { cwd: string; archive: string; level: string; out: string; device?: string; format?: string; repair?: boolean; hz?: number }): Promise<ExportResult> {
  if (o.hz !== undefined) {
    if (o.format !== 'actigraph') throw new UsageError('--hz resamples the ActiGraph layout: use it with --format actigraph');
    if (!(Number.isInteger(o.hz) && o.hz >= 1 && o.hz <= 100)) throw new UsageError(`--hz ${o.hz}: expected a whole number of Hz, 1 to 100 (counts software takes 30 to 100 in tens)`);
  }
  if (!LEVELS.includes(o.level)) throw new UsageError(`--level ${o.level}: expected ${LEVELS.join(', ')}`);
  const format = o.format ?? 'csv';
  if (!['csv', 'actigraph', 'parquet'].includes(format)) throw new UsageError(`--format ${format}: expected csv, parquet or actigraph`);
  if (format === 'actigraph' && o.level !== 'samples') throw new UsageError('--format actigraph is a layout for raw samples: use it with --level samples');
  const archive = resolve(o.cwd, o.archive);
  if (!existsSync(archive)) throw new InputError(`no archive at ${archive}: run "npx posture pull --archive ${o.archive}" first`);
  const devices = o.device ? [o.device] : readdirSync(archive).filter((d) => /^[0-9a-f]{8}$/.test(d)).sort();
  if (!devices.length) throw new InputError(`${archive} holds no device folders`);
  for (const id of devices) deviceDir(archive, id);
  const repairs = o.repair ? repairArchives(archive, devices.filter((id) => existsSync(join(archive, id, 'records.bin')))) : [];
  const out = resolve(o.cwd, o.out);
  // A damaged state.json costs the sidecar its description, not the export.
  const metaOf = (id: string) => readState(deviceDir(archive, id));
  if (format === 'actigraph') return { ...(await exportActigraph({ out, devices, archive, hz: o.hz, meta: Object.fromEntries(devices.map((id) => [id, metaOf(id)])) })), repairs };
  // Parquet is made from the CSV (through DuckDB, with the level's types): written beside it first.
  const csvOut = format === 'parquet' ? `${out}.${process.pid}.csv` : out;
  const w = writer(csvOut);
  const write = w.write;
  await write(row(columnsOf(o.level)));
  let rows = 0;
  const meta: Record<string, unknown> = {};
  for (const id of devices) {
    const dir = deviceDir(archive, id);
    meta[id] = metaOf(id);
    if (o.level === 'samples') {
      for (const rec of recordingFiles(dir)) {
        const name = basename(rec);
        for await (const s of recordingSamples(rec)) {
          await write(row([id, name, s.t, s.utc === null ? '' : new Date(s.utc).toISOString(), ...s.v.map((x) => Math.round(x * 10000) / 10000)]));
          rows++;
        }
      }
      continue;
    }
    const bin = join(dir, 'records.bin');
    if (!existsSync(bin)) throw new InputError(`no records for device ${id} in ${archive}`);
    // Hourly summaries live in hours.bin; an archive pulled from older firmware has none.
    const file = o.level === 'hours' ? join(dir, 'hours.bin') : bin;
    if (!existsSync(file)) continue;
    if (o.level === 'episodes') {
      const events = [...readRecords(bin)].map(decodeRecord).filter((r): r is EventRecord => r.kind === 'event');
      for (const ep of episodesOf(events).episodes) {
        const endSet = ep.endT !== null && ep.clockSet;
        await write(row([
          id, ep.startSeq, ep.startT, iso(ep.startT, ep.clockSet), ep.clockSet, ep.startFlexionDeg, ep.endT ?? '', endSet ? iso(ep.endT as number, true) : '',
          ep.durationS ?? '', ep.end, ep.alerts, ep.buzzed, ep.correctedS ?? '',
        ]));
        rows++;
      }
      continue;
    }
    for (const b of readRecords(file)) {
      const r = decodeRecord(b);
      if (o.level === 'hours' && r.kind === 'hour') {
        await write(row([id, r.seq, r.t, iso(r.t * 1000, r.clockSet), r.clockSet, r.upright, r.slouch, r.moving, r.lying, r.off, r.flexMean / 10, r.flexMax / 10, r.alerts, r.corrected, r.reps ?? '', r.sets ?? '']));
        rows++;
      } else if (o.level === 'minutes' && r.kind === 'minute') {
        await write(row([id, r.seq, r.t, iso(r.t * 1000, r.clockSet), r.clockSet, r.upright, r.slouch, r.moving, r.lying, r.off, r.flexMean / 10, r.flexMax / 10, r.alerts, r.corrected, r.reps ?? '', r.sets ?? '']));
        rows++;
      } else if (o.level === 'exercise' && r.kind === 'event' && r.type >= EV_EX_REMINDER && r.type <= EV_EX_SET) {
        await write(row([id, r.seq, r.t, iso(r.t, r.clockSet), r.clockSet, ...exerciseColumns(r.type, r.a, r.b)]));
        rows++;
      } else if (o.level === 'events' && r.kind === 'event') {
        const cfg = r.type === EV_CONFIG ? decodeConfigEvent(r.a, r.b) : null;
        const fault = r.type === EV_FAULT ? FAULT_NAMES[r.a] || 'unknown' : '';
        await write(row([
          id, r.seq, r.t, iso(r.t, r.clockSet), r.clockSet, EVENT_NAMES[r.type] || `event_${r.type}`, r.a, r.b,
          cfg?.def?.name ?? '', cfg?.old ?? '', cfg ? cfg.value : '', fault,
          r.type === EV_SNOOZE ? r.a : '', r.type === EV_MODE ? MODE_NAMES[r.a] ?? '' : '', r.type === EV_TIME_SET ? r.a : '', r.type === EV_LOW_BATTERY ? r.a : '',
          eventJson(r.type, r.t, r.a, r.b),
        ]));
        rows++;
      }
    }
  }
  await w.end();
  if (format === 'parquet') {
    try {
      await csvToParquet(csvOut, out, o.level, meta);
    } catch (e) {
      throw new InputError(`cannot write ${out}: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      rmSync(csvOut, { force: true });
    }
    return { files: [out], rows, devices, repairs };
  }
  const pkg = writeDataPackage(out, o.level, meta);
  return { files: [out, pkg], rows, devices, repairs };
}
