// Day-by-day history over weeks: the clip keeps minutes for a day or two but hourly
// summaries for about two weeks, so a therapist who pulls once a week still sees every day.
// Each clock hour is taken from the minute records when the archive holds any for it (they
// are exact), else from the hourly records (a restart or a clock change can split an hour
// into two records: they add up). Records made before the clip's clock was set cannot be
// placed on a day and are counted apart.
import { HourRecord, MinuteRecord } from '../log/records';
import { localParts } from './archive-metrics';

export interface HistoryDay {
  /** Local day, "2026-11-26". */
  day: string;
  /** Where its hours came from: all from minutes, all from hourly records, or both. */
  source: 'minutes' | 'hours' | 'both';
  wornMin: number;
  uprightMin: number;
  slouchMin: number;
  /** Upright share of still (upright + slouched) time, %; null when never still. */
  uprightPct: number | null;
  /** Flexion mean over still time, deg (each hour's mean weighted by its still seconds). */
  flexionMeanDeg: number | null;
  alerts: number;
  corrections: number;
  alertsPerWornHour: number;
}

export interface History {
  days: HistoryDay[];
  /** Clock hours filled from hourly records alone (their minutes were not pulled in time). */
  hoursFromSummaries: number;
  /** Hourly records made before the clock was set (not placed on a day). */
  unplacedHours: number;
}

interface Acc {
  up: number;
  sl: number;
  mv: number;
  ly: number;
  flexW: number;
  still: number;
  alerts: number;
  corr: number;
}

const empty = (): Acc => ({ up: 0, sl: 0, mv: 0, ly: 0, flexW: 0, still: 0, alerts: 0, corr: 0 });

function add(a: Acc, r: MinuteRecord | HourRecord) {
  a.up += r.upright;
  a.sl += r.slouch;
  a.mv += r.moving;
  a.ly += r.lying;
  const still = r.upright + r.slouch;
  a.flexW += (r.flexMean / 10) * still;
  a.still += still;
  a.alerts += r.alerts;
  a.corr += r.corrected;
}

export function dailyHistory(minutes: MinuteRecord[], hours: HourRecord[], utcOffsetMin = 0): History {
  // Clock hours (UTC s / 3600) -> sums, per source.
  const fromMinutes = new Map<number, Acc>();
  const fromHours = new Map<number, Acc>();
  for (const m of minutes) {
    if (!m.clockSet) continue;
    const h = Math.floor(m.t / 3600);
    let a = fromMinutes.get(h);
    if (!a) fromMinutes.set(h, (a = empty()));
    add(a, m);
  }
  let unplacedHours = 0;
  for (const r of hours) {
    if (!r.clockSet) {
      unplacedHours++;
      continue;
    }
    const h = Math.floor(r.t / 3600);
    let a = fromHours.get(h);
    if (!a) fromHours.set(h, (a = empty()));
    add(a, r);
  }
  const days = new Map<string, { acc: Acc; minutes: number; hours: number }>();
  let hoursFromSummaries = 0;
  const all = new Set([...fromMinutes.keys(), ...fromHours.keys()]);
  for (const h of [...all].sort((a, b) => a - b)) {
    const m = fromMinutes.get(h);
    const src = m ?? fromHours.get(h)!;
    if (!m) hoursFromSummaries++;
    // An hour with a non-whole offset can straddle two local days: it goes where it starts.
    const { day } = localParts(h * 3600000, utcOffsetMin);
    let d = days.get(day);
    if (!d) days.set(day, (d = { acc: empty(), minutes: 0, hours: 0 }));
    if (m) d.minutes++;
    else d.hours++;
    const a = d.acc;
    a.up += src.up;
    a.sl += src.sl;
    a.mv += src.mv;
    a.ly += src.ly;
    a.flexW += src.flexW;
    a.still += src.still;
    a.alerts += src.alerts;
    a.corr += src.corr;
  }
  const out: HistoryDay[] = [...days.entries()]
    .sort((x, y) => (x[0] < y[0] ? -1 : 1))
    .map(([day, d]) => {
      const a = d.acc;
      const worn = a.up + a.sl + a.mv + a.ly;
      return {
        day,
        source: d.hours && d.minutes ? 'both' : d.hours ? 'hours' : 'minutes',
        wornMin: worn / 60,
        uprightMin: a.up / 60,
        slouchMin: a.sl / 60,
        uprightPct: a.up + a.sl > 0 ? (100 * a.up) / (a.up + a.sl) : null,
        flexionMeanDeg: a.still > 0 ? a.flexW / a.still : null,
        alerts: a.alerts,
        corrections: a.corr,
        alertsPerWornHour: worn > 0 ? a.alerts / (worn / 3600) : 0,
      };
    });
  return { days: out, hoursFromSummaries, unplacedHours };
}
