// Every export is described by datapackage.json: a Frictionless Tabular Data Package that a
// real validator (the `datapackage` library) accepts, and through whose Table Schemas every
// value reads back typed: the clip id as text, times as dates, counts as integers, and the
// config events decoded.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../host/commands/export/index';
import { LEVEL_SCHEMAS } from '../host/export/table-schemas';
import { writeSyntheticArchive } from '../host/sim/synthetic-archive';

const { Package } = createRequire(import.meta.url)('datapackage') as {
  Package: { load(d: string, basePath?: string): Promise<{ valid: boolean; errors: Error[]; resources: { name: string; read(o: object): Promise<Record<string, unknown>[]>; tabular: boolean }[] }> };
};
const dir = mkdtempSync(join(tmpdir(), 'posture-dp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ID = '00251628'; // all digits, leading zeros: a number to a careless reader

describe('datapackage.json', () => {
  it('describes every level exported into a folder; the validator accepts it and reads every value typed', async () => {
    writeSyntheticArchive(join(dir, 'arch'), { id: ID, days: 2, start: Date.UTC(2026, 10, 2), hourlyDays: 2 });
    mkdirSync(join(dir, 'out'));
    for (const level of ['minutes', 'hours', 'events', 'episodes']) {
      await exportCommand({ cwd: dir, archive: 'arch', level, out: join('out', `${level}.csv`) });
    }
    const pkg = await Package.load(join(dir, 'out', 'datapackage.json'));
    expect(pkg.errors.map(String)).toEqual([]);
    expect(pkg.valid).toBe(true);
    const rows: Record<string, Record<string, unknown>[]> = {};
    for (const r of pkg.resources) rows[r.name] = await r.read({ keyed: true, cast: true });
    expect(Object.keys(rows).sort()).toEqual(['episodes', 'events', 'hours', 'minutes']);
    const m = rows.minutes[0];
    expect(m.device_id).toBe(ID);
    expect(typeof m.seq).toBe('number');
    expect(m.time_utc).toBeInstanceOf(Date);
    expect(typeof m.clock_set).toBe('boolean');
    expect(rows.minutes.length).toBeGreaterThan(100);
    expect(rows.hours.length).toBeGreaterThan(10);
    expect(rows.episodes.length).toBeGreaterThan(0);
    const cfg = rows.events.filter((e) => e.event === 'config');
    expect(cfg.length).toBeGreaterThan(0);
    for (const e of cfg) {
      expect(typeof e.config_field).toBe('string');
      expect(typeof e.config_new).toBe('number');
    }
    for (const e of rows.events.filter((x) => x.event === 'snooze')) expect(typeof e.snooze_min).toBe('number');
    const other = rows.events.find((e) => e.event !== 'config')!;
    expect(other.config_field).toBeNull();
    const text = JSON.parse(readFileSync(join(dir, 'out', 'datapackage.json'), 'utf8'));
    expect(text.clips[ID]).toBeDefined();
    // Every episode names its slouch_start event: the foreign key holds and the validator checks it.
    const eps = text.resources.find((r: { name: string }) => r.name === 'episodes');
    expect(eps.schema.foreignKeys).toEqual([{ fields: ['device_id', 'start_seq'], reference: { resource: 'events', fields: ['device_id', 'seq'] } }]);
    const linked = await pkg.resources.find((r) => r.name === 'episodes')!.read({ keyed: true, relations: true });
    expect(linked.length).toBe(rows.episodes.length);
    const bySeq = new Map(rows.events.map((e) => [e.seq, e.event]));
    for (const e of rows.episodes) expect(bySeq.get(e.start_seq)).toBe('slouch_start');
  });

  it('catches an episode whose event is missing (the foreign key is checked, not decorative)', async () => {
    mkdirSync(join(dir, 'out3'));
    await exportCommand({ cwd: dir, archive: 'arch', level: 'episodes', out: join('out3', 'episodes.csv') });
    const full = readFileSync(join(dir, 'out', 'events.csv'), 'utf8').split('\r\n');
    const cut = full.filter((l) => !l.includes(',slouch_start,')).join('\r\n');
    const p3 = JSON.parse(readFileSync(join(dir, 'out3', 'datapackage.json'), 'utf8'));
    expect(p3.resources[0].schema.foreignKeys).toBeUndefined(); // no events level in it yet
    // The events level joins the package as an export adds it, then loses its slouch_start rows.
    await exportCommand({ cwd: dir, archive: 'arch', level: 'events', out: join('out3', 'events.csv') });
    writeFileSync(join(dir, 'out3', 'events.csv'), cut);
    const pkg = await Package.load(join(dir, 'out3', 'datapackage.json'));
    expect(pkg.valid).toBe(true);
    const eps = pkg.resources.find((r) => r.name === 'episodes')!;
    await expect(eps.read({ keyed: true, relations: true })).rejects.toThrow(/foreign key/i);
  });

  it('gives an empty file its types too (an export with no rows)', async () => {
    writeSyntheticArchive(join(dir, 'arch2'), { id: 'a1b2c3d4', days: 1, start: Date.UTC(2026, 10, 2) });
    mkdirSync(join(dir, 'out2'));
    const r = await exportCommand({ cwd: dir, archive: 'arch2', level: 'hours', out: join('out2', 'hours.csv') });
    expect(r.rows).toBe(0);
    const pkg = await Package.load(join(dir, 'out2', 'datapackage.json'));
    expect(pkg.valid).toBe(true);
    const d = JSON.parse(readFileSync(join(dir, 'out2', 'datapackage.json'), 'utf8'));
    const types = Object.fromEntries(d.resources[0].schema.fields.map((f: { name: string; type: string }) => [f.name, f.type]));
    expect(types).toMatchObject({ device_id: 'string', seq: 'integer', hour_start_utc: 'datetime', upright_s: 'integer', upper_back_flexion_mean_deg: 'number' });
  });

  it('holds one schema per level, each column with a type and a meaning', () => {
    for (const l of LEVEL_SCHEMAS) {
      expect(new Set(l.columns.map((c) => c.name)).size, l.level).toBe(l.columns.length);
      for (const c of l.columns) expect(c.description.length, `${l.level}.${c.name}`).toBeGreaterThan(10);
      for (const k of l.primaryKey) expect(l.columns.some((c) => c.name === k)).toBe(true);
    }
  });
});
