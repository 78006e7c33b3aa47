import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cell, row } from '../host/export/csv';
import { openDeviceArchive } from '../host/archive/archive';
import { exportCommand, MINUTE_COLUMNS, SAMPLE_COLUMNS } from '../host/commands/export/index';
import { actigraphTime } from '../host/export/samples';
import { createResampler } from '../host/export/resample';
import { MINUTE_LEN, REC_HEADER, REC_MINUTE, M_UPRIGHT, M_SLOUCH, M_FLEX_MEAN, M_FLEX_MAX, M_ALERTS, M_REPS, M_SETS, MINUTE_LEN_V1, sealRecord } from '../shared/log-format';

const dir = mkdtempSync(join(tmpdir(), 'posture-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV cells', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas in text, not in numbers', () => {
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('line\nbreak')).toBe('"line\nbreak"');
    expect(cell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(cell('+1')).toBe("'+1");
    expect(cell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cell(-3.5)).toBe('-3.5');
    expect(cell(null)).toBe('');
    expect(row(['a', 1])).toBe('a,1\r\n');
  });
});

describe('export --level minutes', () => {
  it('writes one row per minute record with units in the headers and UTC times', async () => {
    const a = openDeviceArchive(join(dir, 'arch'), '00c0ffee');
    const recs = [0, 1, 2].map((i) => {
      const b = new Uint8Array(MINUTE_LEN);
      b[REC_HEADER + M_UPRIGHT] = 40 - i;
      b[REC_HEADER + M_SLOUCH] = 20 + i;
      new DataView(b.buffer).setInt16(REC_HEADER + M_FLEX_MEAN, 105, true);
      new DataView(b.buffer).setInt16(REC_HEADER + M_FLEX_MAX, 251, true);
      b[REC_HEADER + M_ALERTS] = i;
      b[REC_HEADER + M_REPS] = i === 2 ? 5 : 0;
      b[REC_HEADER + M_SETS] = i === 2 ? 1 : 0;
      sealRecord(b, REC_MINUTE, i, 1_790_000_040 + 60 * i, i === 0 ? 1 : 0);
      return b;
    });
    // And one as firmware before 0.2 wrote it: 26 bytes, no exercise counts.
    const old = recs[2].slice(0, MINUTE_LEN_V1);
    sealRecord(old, REC_MINUTE, 3, 1_790_000_220, 0);
    a.append([...recs, old]);
    const r = await exportCommand({ cwd: dir, archive: 'arch', level: 'minutes', out: 'm.csv' });
    expect(r.rows).toBe(4);
    const lines = readFileSync(join(dir, 'm.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe(MINUTE_COLUMNS.join(','));
    expect(lines[1]).toBe('00c0ffee,0,1790000040,,0,40,20,0,0,0,10.5,25.1,0,0,0,0'); // clock not set: no UTC time
    expect(lines[2]).toBe(`00c0ffee,1,1790000100,${new Date(1_790_000_100_000).toISOString()},1,39,21,0,0,0,10.5,25.1,1,0,0,0`);
    expect(lines[3]).toMatch(/,38,22,0,0,0,10\.5,25\.1,2,0,5,1$/);
    expect(lines[4]).toMatch(/,38,22,0,0,0,10\.5,25\.1,2,0,,$/); // not recorded: empty, not 0
    const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8'));
    expect(pkg.resources.find((x: { path: string }) => x.path === 'm.csv').schema.fields.map((f: { name: string }) => f.name)).toEqual(MINUTE_COLUMNS);
  });

  it('refuses a missing archive and an unknown level with a hint', async () => {
    await expect(exportCommand({ cwd: dir, archive: 'nope', level: 'minutes', out: 'x.csv' })).rejects.toThrow(/run "npx posture pull --archive nope" first/);
    await expect(exportCommand({ cwd: dir, archive: 'arch', level: 'weeks', out: 'x.csv' })).rejects.toThrow(/expected samples, minutes, hours, events/);
  });
});

describe('export --level samples and --format actigraph', () => {
  const sdir = join(dir, 'sarch', '0badcafe', 'samples');
  mkdirSync(sdir, { recursive: true });
  // A recording with relative times and a start line, and one with absolute (UTC ms) times.
  writeFileSync(join(sdir, 'a.csv'), '# start: 2026-11-26T09:00:00.000Z\nt_ms,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps\n' +
    Array.from({ length: 100 }, (_, i) => `${1000 + i * 40},0.9,0.1,0.4,1.5,0,-2`).join('\n') + '\n');
  writeFileSync(join(sdir, 'b.csv'), 't_ms,ax_g,ay_g,az_g\n1795730400000,1,0,0\n1795730400040,0.99,0.01,0.02\n');
  writeFileSync(join(dir, 'sarch', '0badcafe', 'state.json'), JSON.stringify({ device: { fw: '0.1.0' } }));

  it('streams every sample of every recording with UTC times and units in the header', async () => {
    const r = await exportCommand({ cwd: dir, archive: 'sarch', level: 'samples', out: 's.csv' });
    expect(r.rows).toBe(102);
    const lines = readFileSync(join(dir, 's.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe(SAMPLE_COLUMNS.join(','));
    expect(lines[1]).toBe('0badcafe,a.csv,1000,2026-11-26T09:00:00.000Z,0.9,0.1,0.4,1.5,0,-2');
    expect(lines[2]).toBe('0badcafe,a.csv,1040,2026-11-26T09:00:00.040Z,0.9,0.1,0.4,1.5,0,-2');
    expect(lines[101]).toBe(`0badcafe,b.csv,1795730400000,${new Date(1795730400000).toISOString()},1,0,0,0,0,0`);
  });

  it('writes ActiGraph RAW CSV per recording: 10 header lines, rate, start, axes in g', async () => {
    const r = await exportCommand({ cwd: dir, archive: 'sarch', level: 'samples', format: 'actigraph', out: 'ag.csv' });
    expect(r.files.map((f) => f.split('/').pop())).toEqual(['ag-0badcafe-1.csv', 'ag-0badcafe-2.csv']);
    const lines = readFileSync(r.files[0], 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^-+ Data File Created By ActiGraph .* at 25 Hz {2}Filter Normal -+$/);
    expect(lines[2]).toBe('Start Time 09:00:00');
    expect(lines[3]).toBe('Start Date 11/26/2026');
    expect(lines[9]).toMatch(/^-+$/);
    expect(lines[10]).toBe('Timestamp,Accelerometer X,Accelerometer Y,Accelerometer Z');
    // Clip x (up the spine) is ActiGraph's vertical Y.
    expect(lines[11]).toBe('11/26/2026 09:00:00.000,0.100,0.900,0.400');
    expect(lines.filter((l) => /^\d/.test(l))).toHaveLength(100);
    expect(actigraphTime(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe('1/2/2026 03:04:05.006');
  });

  it('--hz 30 resamples a 25 Hz recording onto a 30 Hz grid from a whole second: the Start Time is the first row\'s', async () => {
    // 25 Hz from 10:00:00.514 for 20 s, ax a ramp (exact under linear interpolation), ay a 1 Hz sine.
    const t0 = Date.UTC(2026, 10, 26, 10, 0, 0, 514);
    const d = join(dir, 'rarch', '0c0ffee0', 'samples');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'r.csv'), 't_ms,ax_g,ay_g,az_g\n' + Array.from({ length: 500 }, (_, i) => `${t0 + i * 40},${(i * 40) / 1000},${Math.sin((2 * Math.PI * i * 40) / 1000).toFixed(6)},1`).join('\n') + '\n');
    const r = await exportCommand({ cwd: dir, archive: 'rarch', level: 'samples', format: 'actigraph', out: 'r30.csv', hz: 30 });
    const lines = readFileSync(r.files[0], 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/ at 30 Hz {2}Filter Normal/);
    expect(lines[2]).toBe('Start Time 10:00:01');
    const rows = lines.slice(11).filter(Boolean).map((l) => l.split(','));
    expect(rows[0][0]).toBe('11/26/2026 10:00:01.000'); // the first row is the Start Time
    expect(rows[1][0]).toBe('11/26/2026 10:00:01.033');
    expect(rows[3][0]).toBe('11/26/2026 10:00:01.100'); // no drift: k/30 s from the start
    // From 10:00:01.000 to the last sample (10:00:20.474): 19.474 s at 30 Hz.
    expect(rows.length).toBe(Math.floor(19.474 * 30) + 1);
    // The ramp (ActiGraph Y = clip x) comes through exactly; the sine keeps its amplitude.
    for (const [k, row] of rows.entries()) expect(Number(row[2])).toBeCloseTo((1000 + k * (1000 / 30) - 514) / 1000, 2);
    expect(Math.max(...rows.map((x) => Number(x[1])))).toBeGreaterThan(0.97);
    await expect(exportCommand({ cwd: dir, archive: 'rarch', level: 'samples', format: 'actigraph', out: 'x.csv', hz: 0 })).rejects.toThrow(/--hz 0: expected a whole number of Hz/);
    await expect(exportCommand({ cwd: dir, archive: 'rarch', level: 'minutes', out: 'x.csv', hz: 30 })).rejects.toThrow(/use it with --format actigraph/);
  });

  it('keeps a gap a gap, and low-passes before it lowers the rate', () => {
    const out: { utc: number; v: number[] }[] = [];
    const rs = createResampler({ srcHz: 50, dstHz: 25, emit: (s) => out.push(s) });
    // 50 Hz alternating +1/-1 (25 Hz, above the new Nyquist): averaged away, not aliased.
    for (let i = 0; i < 100; i++) rs.push({ utc: 1000 + i * 20, v: [i % 2 ? 1 : -1] });
    expect(Math.max(...out.slice(2).map((s) => Math.abs(s.v[0])))).toBeLessThan(0.05);
    const gap: { utc: number }[] = [];
    const g = createResampler({ srcHz: 25, dstHz: 25, emit: (s) => gap.push(s) });
    for (const t of [0, 40, 80, 5000, 5040]) g.push({ utc: 1000 + t, v: [0] });
    expect(gap.map((s) => s.utc - 1000)).toEqual([0, 40, 80, 5000, 5040]);
  });

  it('refuses what it cannot do, and bad samples with the line at fault', async () => {
    await expect(exportCommand({ cwd: dir, archive: 'sarch', level: 'minutes', format: 'actigraph', out: 'x.csv' })).rejects.toThrow(/use it with --level samples/);
    await expect(exportCommand({ cwd: dir, archive: 'sarch', level: 'samples', format: 'xlsx', out: 'x.csv' })).rejects.toThrow(/expected csv, parquet or actigraph/);
    writeFileSync(join(sdir, 'c.csv'), 't_ms,ax_g,ay_g,az_g\n0,1,0,0\n40,1,zero,0\n');
    await expect(exportCommand({ cwd: dir, archive: 'sarch', level: 'samples', out: 'bad.csv' })).rejects.toThrow(/c\.csv line 3: ay_g is not a number: "zero"/);
    rmSync(join(sdir, 'c.csv'));
    rmSync(join(dir, 'sarch', '0badcafe', 'samples'), { recursive: true });
    await expect(exportCommand({ cwd: dir, archive: 'sarch', level: 'samples', format: 'actigraph', out: 'x.csv' })).rejects.toThrow(/no raw recordings/);
    expect(readdirSync(dir).filter((f) => f.startsWith('x-'))).toEqual([]);
  });
});
