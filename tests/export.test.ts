import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cell, row } from '../host/export/csv';
import { openDeviceArchive } from '../host/archive/archive';
import { exportCommand, MINUTE_COLUMNS } from '../host/commands/export/index';
import { MINUTE_LEN, REC_HEADER, REC_MINUTE, M_UPRIGHT, M_SLOUCH, M_FLEX_MEAN, M_FLEX_MAX, M_ALERTS, sealRecord } from '../shared/log-format';

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
      sealRecord(b, REC_MINUTE, i, 1_790_000_040 + 60 * i, i === 0 ? 1 : 0);
      return b;
    });
    a.append(recs);
    const r = await exportCommand({ cwd: dir, archive: 'arch', level: 'minutes', out: 'm.csv' });
    expect(r.rows).toBe(3);
    const lines = readFileSync(join(dir, 'm.csv'), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe(MINUTE_COLUMNS.join(','));
    expect(lines[1]).toBe('00c0ffee,0,1790000040,,0,40,20,0,0,0,10.5,25.1,0,0'); // clock not set: no UTC time
    expect(lines[2]).toBe(`00c0ffee,1,1790000100,${new Date(1_790_000_100_000).toISOString()},1,39,21,0,0,0,10.5,25.1,1,0`);
    expect(JSON.parse(readFileSync(join(dir, 'm.csv.json'), 'utf8')).columns).toEqual(MINUTE_COLUMNS);
  });

  it('refuses a missing archive and an unknown level with a hint', async () => {
    await expect(exportCommand({ cwd: dir, archive: 'nope', level: 'minutes', out: 'x.csv' })).rejects.toThrow(/run "posture pull --archive nope" first/);
    await expect(exportCommand({ cwd: dir, archive: 'arch', level: 'hours', out: 'x.csv' })).rejects.toThrow(/expected minutes or events/);
  });
});
