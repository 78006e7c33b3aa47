import { describe, expect, it } from 'vitest';
import { eva, isoBands, percentiles, timeAbove } from '../host/metrics/inclination';

describe('inclination metrics (known answers)', () => {
  it('percentiles interpolate like numpy and ignore uncounted time', () => {
    const v = [0, 10, 20, 30, 40, NaN];
    expect(percentiles(v, [10, 50, 90])).toEqual([4, 20, 36]);
    expect(percentiles([NaN], [50])[0]).toBeNaN();
  });

  it('ISO 11226 bands and time above thresholds', () => {
    const s = [-5, 0, 10, 19.9, 20, 45, 60, 61, NaN, NaN];
    const b = isoBands(s);
    expect(b).toEqual({ back: 12.5, acceptable: 37.5, conditional: 37.5, notAcceptable: 12.5 });
    expect(timeAbove(s, [20, 30, 45, 60])).toEqual([37.5, 37.5, 25, 12.5]); // strictly above
  });

  it('EVA: bouts above the angle, binned by duration, NaN ending a bout', () => {
    // 1 s samples: a 3 s bout, a 12 s bout, a 90 s bout (split by nothing), one broken by NaN.
    const s = [
      ...Array(3).fill(30), 0,
      ...Array(12).fill(30), 0,
      ...Array(90).fill(50), 0,
      ...Array(4).fill(30), NaN, ...Array(4).fill(30),
    ];
    const bins = eva(s, 1000, 20);
    const by = Object.fromEntries(bins.map((b) => [b.label, [b.count, b.seconds]]));
    expect(by['<5 s']).toEqual([3, 11]);
    expect(by['10-15 s']).toEqual([1, 12]);
    expect(by['1-2 min']).toEqual([1, 90]);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(5);
  });
});

describe('metrics from a recording', () => {
  it('finds the known composition of a synthetic session', async () => {
    const { generate, toCsv } = await import('../host/sim/scenario');
    const { parseSamplesCsv } = await import('../host/replay/samples-csv');
    const { defaultCalibration } = await import('../host/replay/replay');
    const { defaultConfig } = await import('../shared/config');
    const { inclinationReport, inclinationSeries } = await import('../host/metrics/from-recording');
    const rec = parseSamplesCsv(toCsv(generate([
      { activity: 'upright', seconds: 300 },
      { activity: 'slouch', seconds: 240, deg: 30 },
      { activity: 'upright', seconds: 60 },
    ], { rateHz: 25, seed: 2, rotationDeg: 70 })), 'm');
    const m = inclinationReport(inclinationSeries(rec, defaultConfig(), defaultCalibration(rec)));
    expect(m.countedMin).toBeCloseTo(10, 0);
    expect(m.above[0].pct).toBeCloseTo(40, -1); // 4 of 10 minutes above 20 deg
    expect(m.above[1].pct).toBeLessThan(41); // the slouch sits at 30 deg
    expect(m.p90).toBeCloseTo(30, 0);
    expect(Math.abs(m.p10)).toBeLessThan(1);
    const long = m.eva.bins.find((b) => b.label === '2-5 min')!;
    expect(long.count).toBe(1);
    expect(long.seconds).toBeGreaterThan(230);
  });
});
