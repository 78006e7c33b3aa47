// Day-by-day history from minutes and hourly summaries (host/metrics/history.ts), known answers.
import { describe, expect, it } from 'vitest';
import { dailyHistory } from '../host/metrics/history';
import { HourRecord, MinuteRecord } from '../host/log/records';

const DAY = Date.UTC(2026, 10, 2) / 1000; // 2026-11-02T00:00Z, s
let seq = 0;
const minute = (t: number, o: Partial<MinuteRecord> = {}): MinuteRecord => ({
  kind: 'minute', seq: seq++, t, clockSet: true, upright: 40, slouch: 20, moving: 0, lying: 0, off: 0, flexMean: 100, flexMax: 200, alerts: 0, corrected: 0, ...o,
});
const hour = (t: number, o: Partial<HourRecord> = {}): HourRecord => ({
  kind: 'hour', seq: seq++, t, clockSet: true, upright: 1800, slouch: 600, moving: 600, lying: 0, off: 600, flexMean: 150, flexMax: 400, alerts: 4, corrected: 3, ...o,
});

describe('dailyHistory', () => {
  it('takes an hour from its minutes when the archive has them, else from its hourly records', () => {
    const hours = [hour(DAY + 9 * 3600), hour(DAY + 10 * 3600, { upright: 9, slouch: 9 }), hour(DAY + 86400 + 9 * 3600, { upright: 1000, slouch: 200, moving: 0, alerts: 2 }), hour(DAY + 86400 + 9 * 3600, { upright: 200, slouch: 0, moving: 0, alerts: 0 })];
    const minutes = [minute(DAY + 10 * 3600), minute(DAY + 10 * 3600 + 60, { alerts: 1 })]; // hour 10 of day 1 from these
    const h = dailyHistory(minutes, hours);
    expect(h.hoursFromSummaries).toBe(2);
    expect(h.days.map((d) => [d.day, d.source])).toEqual([['2026-11-02', 'both'], ['2026-11-03', 'hours']]);
    const [d1, d2] = h.days;
    expect(d1.wornMin).toBeCloseTo((3000 + 120) / 60, 9);
    expect(d1.uprightPct).toBeCloseTo((100 * (1800 + 80)) / (1800 + 600 + 120), 9);
    expect(d1.flexionMeanDeg).toBeCloseTo((15 * 2400 + 10 * 120) / 2520, 9);
    expect(d1.alerts).toBe(5);
    expect(d1.corrections).toBe(3);
    // Two records of one hour add up.
    expect(d2.uprightMin).toBeCloseTo(1200 / 60, 9);
    expect(d2.uprightPct).toBeCloseTo((100 * 1200) / 1400, 9);
    expect(d2.alerts).toBe(2);
    expect(d2.alertsPerWornHour).toBeCloseTo(2 / (1400 / 3600), 9);
  });

  it('places hours in the local day of their start, and counts hours before the clock was set apart', () => {
    const h = dailyHistory([], [hour(DAY + 23 * 3600), hour(5000, { clockSet: false })], 120);
    expect(h.days.map((d) => d.day)).toEqual(['2026-11-03']); // 23:00Z is 01:00 at +02:00
    expect(h.unplacedHours).toBe(1);
    expect(dailyHistory([], []).days).toEqual([]);
  });
});
