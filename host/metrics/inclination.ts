// Upper-back inclination metrics in the vocabulary of occupational ergonomics
// (../shared/notes/ergonomics.md). Input: an evenly spaced series of upper-back (T2-T4)
// forward flexion relative to calibrated upright, in degrees, one value per dtMs, with NaN
// for time that does not count (clip off, uncalibrated). Pure functions with known answers.

/** Percentiles by linear interpolation between order statistics (as numpy's default). */
export function percentiles(values: number[], ps: number[]): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return ps.map(() => NaN);
  return ps.map((p) => {
    const h = ((v.length - 1) * p) / 100;
    const lo = Math.floor(h);
    return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (h - lo);
  });
}

export interface IsoBands {
  /** % of counted time: leaning back (< 0), 0-20, 20-60, > 60 deg (ISO 11226, trunk bands). */
  back: number;
  acceptable: number;
  conditional: number;
  notAcceptable: number;
}

export function isoBands(series: number[]): IsoBands {
  let n = 0, back = 0, a = 0, c = 0, x = 0;
  for (const f of series) {
    if (!Number.isFinite(f)) continue;
    n++;
    if (f < 0) back++;
    else if (f < 20) a++;
    else if (f <= 60) c++;
    else x++;
  }
  const pct = (k: number) => (n ? (100 * k) / n : 0);
  return { back: pct(back), acceptable: pct(a), conditional: pct(c), notAcceptable: pct(x) };
}

/** % of counted time above each angle. */
export function timeAbove(series: number[], angles: number[]): number[] {
  const v = series.filter((x) => Number.isFinite(x));
  return angles.map((a) => (v.length ? (100 * v.filter((x) => x > a).length) / v.length : 0));
}

/** EVA bins (upper bounds, s) for bouts above an angle: < 5 s ... 30-60 min, > 60 min. */
export const EVA_BINS_S = [5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, Infinity];
export const EVA_LABELS = ['<5 s', '5-10 s', '10-15 s', '15-30 s', '30-60 s', '1-2 min', '2-5 min', '5-10 min', '10-20 min', '20-30 min', '30-60 min', '>60 min'];

export interface EvaBin {
  label: string;
  count: number;
  seconds: number;
}

/** Bouts of consecutive samples above angle (NaN ends a bout), binned by duration. */
export function eva(series: number[], dtMs: number, angle: number): EvaBin[] {
  const bins = EVA_LABELS.map((label) => ({ label, count: 0, seconds: 0 }));
  let run = 0;
  const close = () => {
    if (!run) return;
    const s = (run * dtMs) / 1000;
    const i = EVA_BINS_S.findIndex((ub) => s < ub);
    bins[i].count++;
    bins[i].seconds += s;
    run = 0;
  };
  for (const f of series) {
    if (Number.isFinite(f) && f > angle) run++;
    else close();
  }
  close();
  return bins;
}
