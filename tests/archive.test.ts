import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deviceDir, openDeviceArchive } from '../host/archive/archive';
import { EVENT_LEN, REC_EVENT, REC_HEADER, sealRecord } from '../shared/log-format';
import { splitRecords, decodeRecord } from '../host/log/records';

const dir = mkdtempSync(join(tmpdir(), 'posture-arch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rec(seq: number): Uint8Array {
  const b = new Uint8Array(EVENT_LEN);
  b[REC_HEADER + 2] = 6;
  sealRecord(b, REC_EVENT, seq, 1_790_000_000 + seq, 0);
  return b;
}

describe('archive', () => {
  it('appends in order, skips what it holds, and records gaps', () => {
    const a = openDeviceArchive(dir, '0000abcd');
    expect(a.append([0, 1, 2].map(rec))).toBe(3);
    expect(a.append([1, 2, 3].map(rec))).toBe(1); // a repeated pull adds only the new one
    expect(a.append([6, 7].map(rec))).toBe(2);
    expect(a.state().gaps).toEqual([[4, 5]]);
    const again = openDeviceArchive(dir, '0000abcd');
    expect(again.state()).toMatchObject({ next: 8, records: 6, gaps: [[4, 5]] });
    expect(splitRecords(again.readAll()).map((r) => decodeRecord(r).seq)).toEqual([0, 1, 2, 3, 6, 7]);
  });

  it('repairs a torn tail left by a crash mid-append, at every byte', () => {
    for (let k = 1; k < EVENT_LEN; k++) {
      const id = (0x10000000 + k).toString(16);
      const a = openDeviceArchive(dir, id);
      a.append([0, 1].map(rec));
      appendFileSync(join(a.dir, 'records.bin'), rec(2).subarray(0, k)); // the crash
      const b = openDeviceArchive(dir, id);
      expect(b.state().next).toBe(2);
      expect(b.append([2, 3].map(rec))).toBe(2);
      expect(splitRecords(b.readAll()).map((r) => decodeRecord(r).seq)).toEqual([0, 1, 2, 3]);
    }
  });

  it('never lets a device id leave the archive folder', () => {
    for (const bad of ['../../etc', '..', 'abc', 'ABCDEF12', '0000abcd/../x', '']) {
      expect(() => deviceDir(dir, bad)).toThrow(/refusing device id/);
    }
    expect(JSON.parse(readFileSync(join(dir, '0000abcd', 'state.json'), 'utf8')).id).toBe('0000abcd');
  });
});
