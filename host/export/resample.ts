// Raw samples onto a regular grid for the ActiGraph layout: ActiLife files have one row per
// 1/hz s from a whole-second start, and counts software (agcounts, actipy) wants a rate it
// knows (30..100 Hz in tens, or a power of 2). Method: when the target rate is lower than the
// source's, a moving average over source/target samples first (an anti-aliasing low-pass);
// then linear interpolation between the two samples around each grid time. No grid point is
// made inside a gap longer than three source intervals: a gap stays a gap.

export interface TimedSample {
  /** UTC ms. */
  utc: number;
  v: number[];
}

export function createResampler(o: { srcHz: number; dstHz: number; emit: (s: TimedSample) => void }) {
  const step = 1000 / o.dstHz;
  const maxGap = (3 * 1000) / o.srcHz;
  const k = o.dstHz < o.srcHz ? Math.max(1, Math.round(o.srcHz / o.dstHz)) : 1;
  const win: TimedSample[] = [];
  let prev: TimedSample | null = null;
  let grid = NaN; // the next grid time, ms
  let n = 0; // grid points from the start, so that times do not drift by rounding

  // The low-pass: the mean of the last k samples, timed at their mean time.
  function smooth(s: TimedSample): TimedSample {
    if (k === 1) return s;
    win.push(s);
    if (win.length > k) win.shift();
    const v = s.v.map((_, j) => win.reduce((a, w) => a + w.v[j], 0) / win.length);
    return { utc: win.reduce((a, w) => a + w.utc, 0) / win.length, v };
  }

  let start = NaN;
  return {
    push(raw: TimedSample) {
      const s = smooth(raw);
      if (!prev) {
        // The file starts at the first whole second at or after the first sample.
        start = Math.ceil(s.utc / 1000) * 1000;
        grid = start;
        prev = s;
        if (grid === s.utc) {
          o.emit({ utc: grid, v: s.v });
          grid = start + ++n * step;
        }
        return;
      }
      if (s.utc - prev.utc > maxGap) {
        // Skip the grid points the gap holds.
        while (grid < s.utc) grid = start + ++n * step;
      }
      while (grid <= s.utc) {
        const f = s.utc === prev.utc ? 1 : (grid - prev.utc) / (s.utc - prev.utc);
        if (f >= 0) o.emit({ utc: Math.round(grid), v: prev.v.map((x, j) => x + f * (s.v[j] - x)) });
        grid = start + ++n * step;
      }
      prev = s;
    },
  };
}
