// Archive metrics on hand-made logs whose answers are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { END_MOVING, END_UPRIGHT, EV_ALERT, EV_BOOT, EV_BREAK, EV_CONFIG, EV_CORRECTED, EV_SLOUCH_END, EV_SLOUCH_START, EV_SNOOZE } from '../shared/events';
import { episodesOf } from '../host/metrics/episodes';
import { EventRecord, MinuteRecord } from '../host/log/records';
import { archiveMetrics, binEpisodes, localParts, median, weightedPercentiles } from '../host/metrics/archive-metrics';
import { percentiles } from '../host/metrics/inclination';

// 2026-11-26 09:00:00 UTC
const T0 = Date.UTC(2026, 10, 26, 9, 0, 0) / 1000;
let seq = 0;

function minute(t: number, s: Partial<MinuteRecord> = {}): MinuteRecord {
  return { kind: 'minute', seq: seq++, t, clockSet: true, upright: 0, slouch: 0, moving: 0, lying: 0, off: 0, flexMean: 0, flexMax: 0, alerts: 0, corrected: 0, ...s };
}
function event(tMs: number, type: number, a = 0, b = 0, clockSet = true): EventRecord {
  return { kind: 'event', seq: seq++, t: tMs, clockSet, type, a, b };
}

describe('archive metrics', () => {
  it('wear time, time per state and upright share', () => {
    const m = archiveMetrics([
      minute(T0, { upright: 60, flexMean: 50 }),
      minute(T0 + 60, { upright: 30, slouch: 30, flexMean: 200 }),
      minute(T0 + 120, { moving: 40, off: 20 }),
      minute(T0 + 180, { lying: 60 }),
    ], []);
    expect(m.seconds).toEqual({ upright: 90, slouch: 30, moving: 40, lying: 60, off: 20 });
    expect(m.wornMin).toBeCloseTo((90 + 30 + 40 + 60) / 60, 10); // 3 h 40 s = 3.667 min
    expect(m.uprightPct).toBeCloseTo(75, 10); // 90 / (90 + 30)
    expect(m.minutes).toBe(4);
  });

  it('episodes, alerts, the response to each alert, snoozes', () => {
    const t = T0 * 1000;
    const m = archiveMetrics([minute(T0, { upright: 60 })], [
      // Episode 1: one alert, corrected 4 s later.
      event(t + 1000, EV_SLOUCH_START, 200), event(t + 31000, EV_ALERT, 1, 1), event(t + 35000, EV_SLOUCH_END, 34000, 1),
      event(t + 35000, EV_CORRECTED, 4000, 1),
      // Episode 2: two alerts; the second is answered after 45 s; the first never is.
      event(t + 100000, EV_SLOUCH_START, 250), event(t + 130000, EV_ALERT, 1, 1), event(t + 190000, EV_ALERT, 2, 1),
      event(t + 235000, EV_SLOUCH_END, 135000, 1), event(t + 235000, EV_CORRECTED, 45000, 2),
      // Episode 3: tracking mode (recorded, no buzz), ended by standing up: no correction.
      event(t + 300000, EV_SLOUCH_START, 300), event(t + 330000, EV_ALERT, 1, 0), event(t + 900000, EV_SLOUCH_END, 600000, 2),
      event(t + 901000, EV_SNOOZE, 15), event(t + 902000, EV_SNOOZE, 30), event(t + 903000, EV_BREAK, 45),
    ]);
    expect(m.episodes.count).toBe(3);
    expect(m.episodes.longestS).toBe(600);
    expect(m.episodes.medianS).toBe(135);
    expect(m.episodes.totalMin).toBeCloseTo((34 + 135 + 600) / 60, 10);
    expect(m.alerts).toEqual({ count: 4, buzzed: 3, perWornHour: 4 / (60 / 3600) });
    // 4 alerts: one answered in 4 s, one in 45 s, two never.
    expect(m.response.corrected).toBe(2);
    expect(m.response.within10Pct).toBe(25);
    expect(m.response.within60Pct).toBe(50);
    expect(m.response.medianS).toBe(24.5);
    expect(m.snoozes).toEqual({ count: 2, minutes: 45 });
    expect(m.breaks.reminders).toBe(1);
    // Held slouches by length: 34 s -> 30-60 s, 135 s -> 2-5 min, 600 s -> 10-20 min.
    const bins = Object.fromEntries(m.episodeEva.map((b) => [b.label, b.count]));
    expect(bins['30-60 s']).toBe(1);
    expect(bins['2-5 min']).toBe(1);
    expect(bins['10-20 min']).toBe(1);
    expect(m.episodeEva.reduce((a, b) => a + b.count, 0)).toBe(3);
  });

  it('breaks and the longest sitting-still stretch', () => {
    // Sitting 09:00-09:04 (5 min), a walk at 09:05, sitting 09:06-09:07, clip off (not logged)
    // 09:08-09:19, sitting 09:20-09:22, then a minute mostly moving (20 s still: not sitting).
    const ms: MinuteRecord[] = [];
    for (let i = 0; i < 5; i++) ms.push(minute(T0 + 60 * i, { upright: 60 }));
    ms.push(minute(T0 + 300, { moving: 60 }));
    ms.push(minute(T0 + 360, { upright: 50, slouch: 10 }), minute(T0 + 420, { slouch: 60 }));
    for (let i = 20; i < 23; i++) ms.push(minute(T0 + 60 * i, { upright: 45, moving: 15 }));
    ms.push(minute(T0 + 23 * 60, { upright: 20, moving: 40 }));
    const m = archiveMetrics(ms, []);
    expect(m.breaks.count).toBe(2);
    expect(m.breaks.longestSittingMin).toBe(5);
  });

  it('per hour of day and per day, in the given time zone; unset-clock minutes only in totals', () => {
    const ms = [
      minute(T0, { upright: 60 }), // 09:00 UTC = 10:00 at +60 min
      minute(T0 + 3600, { upright: 30, slouch: 30 }), // 11:00 local
      minute(T0 + 86400, { slouch: 60 }), // next day, 10:00 local
      minute(1234, { upright: 60, clockSet: false }),
    ];
    const t = T0 * 1000;
    const m = archiveMetrics(ms, [event(t + 5000, EV_ALERT, 1, 1), event(t + 86400000 + 7000, EV_SLOUCH_START, 300), event(99, EV_ALERT, 1, 1, false)], 60);
    expect(m.unplacedMinutes).toBe(1);
    expect(m.seconds.upright).toBe(150);
    expect(m.perHour).toHaveLength(24);
    expect(m.perHour[10]).toEqual({ key: '10', wornMin: 2, uprightPct: 50, alerts: 1, episodes: 1 });
    expect(m.perHour[11]).toEqual({ key: '11', wornMin: 1, uprightPct: 50, alerts: 0, episodes: 0 });
    expect(m.perHour[9].wornMin).toBe(0);
    expect(m.perHour[9].uprightPct).toBeNull();
    expect(m.perDay.map((d) => d.key)).toEqual(['2026-11-26', '2026-11-27']);
    expect(m.perDay[0]).toMatchObject({ wornMin: 2, uprightPct: 75, alerts: 1, episodes: 0 });
    expect(m.perDay[1]).toMatchObject({ wornMin: 1, uprightPct: 0, alerts: 0, episodes: 1 });
    expect(m.alerts.count).toBe(2);
    expect(localParts(Date.UTC(2026, 0, 1, 23, 30), 60)).toEqual({ day: '2026-01-02', hour: 0 });
    expect(localParts(Date.UTC(2026, 0, 1, 0, 30), -120)).toEqual({ day: '2025-12-31', hour: 22 });
  });

  it('inclination from minute means, weighted by still seconds', () => {
    // 60 s at 5 deg, 60 s at 25 deg (30 up + 30 slouched), 30 s at 70 deg, 30 s at -3 deg;
    // a moving minute at 40 deg has no still seconds and does not count.
    const m = archiveMetrics([
      minute(T0, { upright: 60, flexMean: 50 }), minute(T0 + 60, { upright: 30, slouch: 30, flexMean: 250 }),
      minute(T0 + 120, { slouch: 30, moving: 30, flexMean: 700 }), minute(T0 + 180, { upright: 30, off: 30, flexMean: -30 }),
      minute(T0 + 240, { moving: 60, flexMean: 400 }),
    ], []);
    const inc = m.inclination!;
    expect(inc.basisMin).toBe(3);
    expect(inc.bands.back).toBeCloseTo((100 * 30) / 180, 10);
    expect(inc.bands.acceptable).toBeCloseTo((100 * 60) / 180, 10);
    expect(inc.bands.conditional).toBeCloseTo((100 * 60) / 180, 10);
    expect(inc.bands.notAcceptable).toBeCloseTo((100 * 30) / 180, 10);
    expect(inc.above.map((a) => a.angle)).toEqual([20, 30, 45, 60]);
    expect(inc.above[0].pct).toBeCloseTo(50, 10); // 25 and 70 deg: 90 of 180 s
    expect(inc.above[1].pct).toBeCloseTo((100 * 30) / 180, 10);
    // The median of 180 weighted seconds.
    const expanded = [...Array(60).fill(5), ...Array(60).fill(25), ...Array(30).fill(70), ...Array(30).fill(-3)];
    const [p10, p50, p90] = percentiles(expanded, [10, 50, 90]);
    expect([inc.p10, inc.p50, inc.p90]).toEqual([p10, p50, p90]);
    expect(archiveMetrics([minute(T0, { moving: 60 })], []).inclination).toBeNull();
  });

  it('weighted percentiles equal percentiles of the expanded list', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rnd() * 12);
      const v = Array.from({ length: n }, () => Math.round(rnd() * 800 - 100) / 10);
      const w = Array.from({ length: n }, () => Math.floor(rnd() * 5));
      const expanded = v.flatMap((x, i) => Array(w[i]).fill(x));
      const ps = [0, 10, 37, 50, 90, 100];
      const got = weightedPercentiles(v, w, ps);
      const want = percentiles(expanded, ps);
      got.forEach((g, i) => (Number.isNaN(want[i]) ? expect(g).toBeNaN() : expect(g).toBeCloseTo(want[i], 9)));
    }
  });

  it('median, bins and config changes', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(binEpisodes([4.9, 5, 3600, 3599.9]).map((b) => b.count)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    // A log from before 0.2 kept only the new value; now the old one rides along (events.ts).
    const m = archiveMetrics([], [event(T0 * 1000, EV_CONFIG, 0, 12), event(T0 * 1000 + 5, EV_CONFIG, 16 + 256 * (250 + 1), 500)]);
    expect(m.configChanges).toEqual([
      { t: T0 * 1000, clockSet: true, field: 0, name: 'threshold_deg', old: null, value: 12 },
      { t: T0 * 1000 + 5, clockSet: true, field: 16, name: 'rate_hz', old: 25, value: 50 },
    ]);
    expect(m.uprightPct).toBeNull();
    expect(m.response.within10Pct).toBeNull();
  });

  it('counts an episode once, on the day it began, across midnight, a pull and a reboot', () => {
    const mid = Date.UTC(2026, 10, 26, 23, 59, 0);
    const evs = [
      // 23:59:30 to 00:01:30: one episode, two days' minutes, pulled in two parts (just records).
      event(mid + 30_000, EV_SLOUCH_START, 200), event(mid + 60_000, EV_ALERT, 1, 1),
      event(mid + 150_000, EV_SLOUCH_END, 120_000, END_UPRIGHT), event(mid + 150_000, EV_CORRECTED, 90_000, 1),
      // A power cut mid-episode: the boot closes it, and the next one is a new episode.
      event(mid + 200_000, EV_SLOUCH_START, 210), event(mid + 230_000, EV_ALERT, 1, 1), event(mid + 240_000, EV_BOOT),
      event(mid + 300_000, EV_SLOUCH_START, 220), event(mid + 330_000, EV_SLOUCH_END, 30_000, END_MOVING),
    ];
    const mins = [minute(mid / 1000, { slouch: 30, upright: 30 }), minute(mid / 1000 + 60, { slouch: 60, alerts: 1 }), minute(mid / 1000 + 120, { slouch: 30, upright: 30, corrected: 1 })];
    const m = archiveMetrics(mins, evs);
    expect(m.episodes.count).toBe(3);
    expect(m.perDay.map((d) => [d.key, d.episodes])).toEqual([['2026-11-26', 1], ['2026-11-27', 2]]);
    expect(m.perHour.reduce((n, h) => n + h.episodes, 0)).toBe(3);
    expect(m.episodes.longestS).toBe(120); // the boot-ended one has no length of its own
    expect(m.episodeEva.reduce((n, b) => n + b.count, 0)).toBe(2);
    expect(m.response.corrected).toBe(1);
    const { episodes } = episodesOf(evs);
    expect(episodes.map((e) => e.end)).toEqual(['upright', 'boot', 'moving']);
    expect(episodes.map((e) => e.alerts)).toEqual([1, 1, 0]);
  });
});
