// The ActiGraph recipe of docs/data-formats.md, run as printed (only the file name swapped) on a
// real export: pandas must read it with those arguments, and agcounts and actipy must be handed
// what their documentation asks for. Where they are not installed (no PyPI here), stand-ins
// check the arguments instead of computing counts. Needs python3 with pandas (.ci/run installs
// Debian's python3-pandas); skipped without it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../host/commands/export/index';

const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0);
const dir = mkdtempSync(join(tmpdir(), 'posture-agrecipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recipe = (): string => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'data-formats.md'), 'utf8');
  const m = doc.match(/<!-- recipe:actigraph -->\s*```python\n([\s\S]*?)```\s*<!-- \/recipe -->/);
  if (!m) throw new Error('docs/data-formats.md lost its <!-- recipe:actigraph --> block');
  return m[1];
};

// Stand-ins, used only when the real package is missing: they check the arguments as the
// packages document them (agcounts: an n x 3 float array, freq 30..100 in tens; actipy: a
// DatetimeIndex frame with x, y, z) and record what they got.
const PRELUDE = `
import sys, types, json, numpy as np, pandas as pd
calls = {}
try:
    import agcounts.extract
except ImportError:
    m = types.ModuleType("agcounts"); e = types.ModuleType("agcounts.extract")
    def get_counts(raw, freq, epoch, fast=True, verbose=False):
        assert isinstance(raw, np.ndarray) and raw.ndim == 2 and raw.shape[1] == 3, raw.shape
        assert raw.dtype.kind == "f" and np.isfinite(raw).all()
        assert freq in range(30, 101, 10), freq
        calls["agcounts"] = {"rows": int(raw.shape[0]), "freq": freq, "epoch": epoch, "sums": [float(x) for x in raw.sum(axis=0)]}
        return np.zeros((raw.shape[0] // (freq * epoch), 3))
    e.get_counts = get_counts; m.extract = e
    sys.modules["agcounts"] = m; sys.modules["agcounts.extract"] = e
try:
    import actipy
except ImportError:
    a = types.ModuleType("actipy")
    def process(data, sample_rate, lowpass_hz=20, calibrate_gravity=True, detect_nonwear=True, resample_hz="uniform", verbose=True):
        assert isinstance(data.index, pd.DatetimeIndex) and data.index.is_monotonic_increasing
        assert list(data.columns) == ["x", "y", "z"] and all(data[c].dtype.kind == "f" for c in "xyz")
        step = np.diff(data.index.values).astype("timedelta64[us]").astype(np.int64)
        calls["actipy"] = {"rows": len(data), "sample_rate": sample_rate, "first": data.index[0].isoformat(),
                           "last": data.index[-1].isoformat(), "step_us": [int(step.min()), int(step.max())]}
        return data, {"SampleRate": sample_rate}
    a.process = process
    sys.modules["actipy"] = a
`;
const POSTLUDE = `
print(json.dumps({"rows": len(raw), "columns": list(raw.columns), "first": raw["time"].iloc[0].isoformat(), "calls": calls}))
`;

describe.skipIf(!python)('the ActiGraph recipe in docs/data-formats.md', () => {
  it('reads a 25 Hz recording exported at 30 Hz: every row, its times, its values; counts and actipy get what they want', async () => {
    // 3 minutes at 25 Hz starting off a whole second, as a clip's stream is.
    const t0 = Date.UTC(2026, 10, 26, 10, 0, 0, 514);
    const d = join(dir, 'arch', '0025a1b2', 'samples');
    mkdirSync(d, { recursive: true });
    const n = 25 * 180;
    writeFileSync(join(d, 'r.csv'), 't_ms,ax_g,ay_g,az_g\n' + Array.from({ length: n }, (_, i) => {
      const s = (i * 40) / 1000;
      return `${t0 + i * 40},${(0.95 + 0.05 * Math.sin(s)).toFixed(4)},${(0.2 * Math.sin(2 * Math.PI * 0.5 * s)).toFixed(4)},0.3`;
    }).join('\n') + '\n');
    const r = await exportCommand({ cwd: dir, archive: 'arch', level: 'samples', format: 'actigraph', out: 'ag.csv', hz: 30 });
    const file = r.files[0];
    const script = PRELUDE + recipe().replace('"ag-0025a1b2-1.csv"', JSON.stringify(file)) + POSTLUDE;
    const out = JSON.parse(execFileSync(python!, ['-c', script], { encoding: 'utf8' }).trim().split('\n').pop()!);

    // What the file holds, read here without pandas.
    const rows = readFileSync(file, 'utf8').split('\r\n').slice(11).filter(Boolean).map((l) => l.split(','));
    expect(out.rows).toBe(rows.length);
    expect(out.columns).toEqual(['time', 'x', 'y', 'z']);
    expect(out.first).toBe('2026-11-26T10:00:01'); // the Start Time: the first whole second
    const ag = out.calls.agcounts;
    if (ag) {
      expect(ag).toMatchObject({ rows: rows.length, freq: 30, epoch: 60 });
      for (let k = 0; k < 3; k++) expect(ag.sums[k]).toBeCloseTo(rows.reduce((s, row) => s + Number(row[k + 1]), 0), 6);
    }
    const ap = out.calls.actipy;
    if (ap) {
      expect(ap).toMatchObject({ rows: rows.length, sample_rate: 30, first: '2026-11-26T10:00:01' });
      // A regular 30 Hz grid: every step 33 or 34 ms (the file's times are in whole ms).
      expect(ap.step_us[0]).toBeGreaterThanOrEqual(33000);
      expect(ap.step_us[1]).toBeLessThanOrEqual(34000);
    }
  });
});
