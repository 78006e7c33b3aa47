// Every export level read back through DuckDB, from the CSV with the data package's types and
// from Parquet: the same rows as the archive holds, the same values, real types.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../host/commands/export/index';
import { readCsvSql } from '../host/export/parquet';
import { loadDeviceLog } from '../host/archive/load';
import { episodesOf } from '../host/metrics/episodes';
import { writeSyntheticArchive } from '../host/sim/synthetic-archive';

const dir = mkdtempSync(join(tmpdir(), 'posture-duck-'));
const ID = '00251628';
let db: DuckDBInstance;
let c: DuckDBConnection;

beforeAll(async () => {
  writeSyntheticArchive(join(dir, 'arch'), { id: ID, days: 2, start: Date.UTC(2026, 10, 2), hourlyDays: 2 });
  mkdirSync(join(dir, 'out'));
  db = await DuckDBInstance.create(':memory:');
  c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
});
afterAll(() => {
  c?.closeSync();
  db?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS();

describe('exports read back through DuckDB', () => {
  it.each(['minutes', 'hours', 'events', 'episodes', 'exercise'])('%s: CSV with the package types and Parquet agree with the archive, typed', async (level) => {
    const csv = await exportCommand({ cwd: dir, archive: 'arch', level, out: join('out', `${level}.csv`) });
    const pq = await exportCommand({ cwd: dir, archive: 'arch', level, format: 'parquet', out: join('out', `${level}.parquet`) });
    expect(pq.rows).toBe(csv.rows);
    const log = loadDeviceLog(join(dir, 'arch'), ID);
    const want = { minutes: log.minutes.length, hours: log.hours.length, events: log.events.length, episodes: episodesOf(log.events).episodes.length, exercise: log.events.filter((e) => e.type >= 16 && e.type <= 18).length }[level]!;
    expect(csv.rows).toBe(want);
    const fromCsv = await rows(`SELECT * FROM ${readCsvSql(join(dir, 'out', `${level}.csv`), level)}`);
    const fromPq = await rows(`SELECT * FROM read_parquet('${join(dir, 'out', `${level}.parquet`)}')`);
    expect(fromCsv.length).toBe(want);
    expect(fromPq).toEqual(fromCsv);
    expect(fromPq[0].device_id).toBe(ID); // text, leading zeros kept
    const types = Object.fromEntries((await rows(`DESCRIBE SELECT * FROM read_parquet('${join(dir, 'out', `${level}.parquet`)}')`)).map((r) => [r.column_name, r.column_type]));
    expect(types.device_id).toBe('VARCHAR');
    expect(types.clock_set).toBe('BOOLEAN');
    const timeCol = { minutes: 'time_utc', hours: 'hour_start_utc', events: 'time_utc', episodes: 'start_utc', exercise: 'time_utc' }[level]!;
    expect(types[timeCol]).toBe('TIMESTAMP WITH TIME ZONE');
    if (level === 'exercise') {
      // A repetition's angle and hold, decoded from the event's integers, and a set's completion.
      const rep = log.events.find((e) => e.type === 17)!;
      const r = fromPq.find((x) => Number(x.seq) === rep.seq)!;
      expect(r).toMatchObject({ event: 'exercise_rep', peak_deg: rep.a / 10, hold_s: (rep.b >> 4) / 10 });
      expect(types.completed).toBe('BOOLEAN');
      expect(fromPq.filter((x) => x.event === 'exercise_set').every((x) => typeof x.completed === 'boolean')).toBe(true);
    }
    if (level === 'minutes') {
      const m = log.minutes.find((x) => x.clockSet)!;
      const r = fromPq.find((x) => x.seq === BigInt(m.seq) || x.seq === m.seq)!;
      expect(Number(r.upright_s)).toBe(m.upright);
      expect(new Date(r.time_utc as string | Date).getTime()).toBe(m.t * 1000);
    }
    const kv = await rows(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${join(dir, 'out', `${level}.parquet`)}')`);
    const meta = Object.fromEntries(kv.map((r) => [r.k, r.v]));
    expect(JSON.parse(meta.schema as string).fields[0].name).toBe('device_id');
    expect(JSON.parse(meta.clips as string)[ID]).toBeDefined();
  });

  it('an empty export keeps its types in Parquet', async () => {
    writeSyntheticArchive(join(dir, 'arch2'), { id: 'a1b2c3d4', days: 1, start: Date.UTC(2026, 10, 2) });
    const r = await exportCommand({ cwd: dir, archive: 'arch2', level: 'hours', format: 'parquet', out: join('out', 'empty.parquet') });
    expect(r.rows).toBe(0);
    const types = await rows(`DESCRIBE SELECT * FROM read_parquet('${join(dir, 'out', 'empty.parquet')}')`);
    expect(types.find((t) => t.column_name === 'upright_s')!.column_type).toBe('BIGINT');
    expect(readFileSync(join(dir, 'out', 'empty.parquet')).length).toBeGreaterThan(100);
  });
});
