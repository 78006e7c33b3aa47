// Coaching metrics from an archive's per-minute summaries and events (one device). Pure:
// records in, numbers out; the definitions (and their units) are the README's *Metrics*.
// Times are local to utcOffsetMin for the per-hour and per-day tables; records made before
// the clip's clock was set count in the totals but cannot be placed on a day or an hour.
import { EV_ALERT, EV_BREAK, EV_CONFIG, EV_SNOOZE } from '../../shared/events';
import { decodeConfigEvent } from '../log/config-event';
import { episodesOf } from './episodes';
import { EventRecord, MinuteRecord } from '../log/records';
import { EVA_BINS_S, EVA_LABELS, EvaBin, IsoBands, percentiles } from './inclination';

/** A minute counts as sitting still when at least this many of its seconds are upright or slouched. */
export const SITTING_MIN_S = 30;
export const RESPONSE_FAST_S = 10;
export const RESPONSE_SLOW_S = 60;

export interface StateSeconds {
  upright: number;
  slouch: number;
  moving: number;
  lying: number;
  off: number;
}

export interface PeriodRow {
  /** "2026-11-26" for a day, "09" for an hour of day. */
  key: string;
  wornMin: number;
  uprightPct: number | null;
  alerts: number;
  episodes: number;
}

export interface WeightedInclination {
  /** Still minutes the figures rest on (upright + slouched seconds / 60). */
  basisMin: number;
  p10: number;
  p50: number;
  p90: number;
  bands: IsoBands;
  above: { angle: number; pct: number }[];
}

export interface ArchiveMetrics {
  minutes: number;
  unplacedMinutes: number;
  seconds: StateSeconds;
  wornMin: number;
  uprightPct: number | null;
  /** Episodes as episodes.ts defines them; unplaced: begun before the clip's clock was set. */
  episodes: { count: number; unplaced: number; totalMin: number; medianS: number | null; longestS: number | null };
  alerts: { count: number; buzzed: number; perWornHour: number };
  response: { alerts: number; corrected: number; within10Pct: number | null; within60Pct: number | null; medianS: number | null };
  snoozes: { count: number; minutes: number };
  breaks: { count: number; reminders: number; longestSittingMin: number };
  inclination: WeightedInclination | null;
  /** Held slouches (the device's episodes, flexion above threshold_deg) binned by length. */
  episodeEva: EvaBin[];
  perHour: PeriodRow[];
  perDay: PeriodRow[];
  configChanges: ConfigChangeRow[];
}

/** One field's change; the fields of one change (a set or an import) share t. */
export interface ConfigChangeRow {
  t: number;
  clockSet: boolean;
  field: number;
  name: string;
  /** null in logs written before the clip logged old values. */
  old: number | null;
  value: number;
}

const pct = (num: number, den: number): number | null => (den > 0 ? (100 * num) / den : null);

export function median(v: number[]): number | null {
  return v.length ? percentiles(v, [50])[0] : null;
}

/** YYYY-MM-DD and hour of day of a UTC ms instant, shifted by utcOffsetMin. */
export function localParts(ms: number, utcOffsetMin: number): { day: string; hour: number } {
  const d = new Date(ms + utcOffsetMin * 60000);
  return { day: d.toISOString().slice(0, 10), hour: d.getUTCHours() };
}

/**
 * Percentiles of values repeated weights[i] times (integer weights), interpolated exactly as
 * percentiles() interpolates the expanded list, without building it.
 */
export function weightedPercentiles(values: number[], weights: number[], ps: number[]): number[] {
  const idx = values.map((_, i) => i).filter((i) => weights[i] > 0 && Number.isFinite(values[i])).sort((a, b) => values[a] - values[b]);
  const n = idx.reduce((s, i) => s + weights[i], 0);
  if (!n) return ps.map(() => NaN);
  const at = (k: number) => {
    let c = 0;
    for (const i of idx) {
      c += weights[i];
      if (k < c) return values[i];
    }
    return values[idx[idx.length - 1]];
  };
  return ps.map((p) => {
    const h = ((n - 1) * p) / 100;
    const lo = Math.floor(h);
    const a = at(lo);
    return a + (at(Math.min(lo + 1, n - 1)) - a) * (h - lo);
  });
}

function inclinationFromMinutes(minutes: MinuteRecord[]): WeightedInclination | null {
  const v: number[] = [], w: number[] = [];
  for (const m of minutes) {
    const still = m.upright + m.slouch;
    if (still > 0) {
      v.push(m.flexMean / 10);
      w.push(still);
    }
  }
  const total = w.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const [p10, p50, p90] = weightedPercentiles(v, w, [10, 50, 90]);
  let back = 0, acc = 0, cond = 0, not = 0;
  const angles = [20, 30, 45, 60];
  const above = angles.map(() => 0);
  v.forEach((f, i) => {
    if (f < 0) back += w[i];
    else if (f < 20) acc += w[i];
    else if (f <= 60) cond += w[i];
    else not += w[i];
    angles.forEach((a, k) => {
      if (f > a) above[k] += w[i];
    });
  });
  const p = (x: number) => (100 * x) / total;
  return {
    basisMin: total / 60, p10, p50, p90,
    bands: { back: p(back), acceptable: p(acc), conditional: p(cond), notAcceptable: p(not) },
    above: angles.map((angle, k) => ({ angle, pct: p(above[k]) })),
  };
}

export function binEpisodes(durationsS: number[]): EvaBin[] {
  const bins = EVA_LABELS.map((label) => ({ label, count: 0, seconds: 0 }));
  for (const s of durationsS) {
    const i = EVA_BINS_S.findIndex((ub) => s < ub);
    bins[i].count++;
    bins[i].seconds += s;
  }
  return bins;
}

export function archiveMetrics(minutesIn: MinuteRecord[], eventsIn: EventRecord[], utcOffsetMin = 0): ArchiveMetrics {
  const minutes = [...minutesIn].sort((a, b) => a.seq - b.seq);
  const events = [...eventsIn].sort((a, b) => a.seq - b.seq);
  const seconds: StateSeconds = { upright: 0, slouch: 0, moving: 0, lying: 0, off: 0 };
  const hours = new Map<string, PeriodRow & { up: number; sl: number }>();
  const days = new Map<string, PeriodRow & { up: number; sl: number }>();
  const row = (map: typeof days, key: string) => {
    let r = map.get(key);
    if (!r) map.set(key, (r = { key, wornMin: 0, uprightPct: null, alerts: 0, episodes: 0, up: 0, sl: 0 }));
    return r;
  };
  let unplaced = 0;
  for (const m of minutes) {
    seconds.upright += m.upright;
    seconds.slouch += m.slouch;
    seconds.moving += m.moving;
    seconds.lying += m.lying;
    seconds.off += m.off;
    if (!m.clockSet) {
      unplaced++;
      continue;
    }
    const { day, hour } = localParts(m.t * 1000, utcOffsetMin);
    for (const r of [row(days, day), row(hours, String(hour).padStart(2, '0'))]) {
      r.wornMin += (m.upright + m.slouch + m.moving + m.lying) / 60;
      r.up += m.upright;
      r.sl += m.slouch;
    }
  }

  // Episodes (episodes.ts, the one definition): counted once, at their start.
  const { episodes: eps } = episodesOf(events);
  let unplacedEpisodes = 0;
  for (const ep of eps) {
    if (!ep.clockSet) {
      unplacedEpisodes++;
      continue;
    }
    const placed = localParts(ep.startT, utcOffsetMin);
    row(days, placed.day).episodes++;
    row(hours, String(placed.hour).padStart(2, '0')).episodes++;
  }
  const episodeS = eps.filter((ep) => ep.durationS !== null).map((ep) => ep.durationS as number);
  const responses = eps.filter((ep) => ep.correctedS !== null).map((ep) => ep.correctedS as number);

  // Alerts, snoozes, reminders, config changes.
  let alerts = 0, buzzed = 0, snoozes = 0, snoozeMin = 0, reminders = 0;
  const configChanges: ConfigChangeRow[] = [];
  for (const e of events) {
    if (e.type === EV_ALERT) {
      alerts++;
      if (e.b) buzzed++;
      if (e.clockSet) {
        const placed = localParts(e.t, utcOffsetMin);
        row(days, placed.day).alerts++;
        row(hours, String(placed.hour).padStart(2, '0')).alerts++;
      }
    } else if (e.type === EV_SNOOZE) {
      snoozes++;
      snoozeMin += e.a;
    } else if (e.type === EV_BREAK) reminders++;
    else if (e.type === EV_CONFIG) {
      const c = decodeConfigEvent(e.a, e.b);
      configChanges.push({ t: e.t, clockSet: e.clockSet, field: c.field, name: c.def ? c.def.name : `field_${c.field}`, old: c.old, value: c.value });
    }
  }
  const corrected = responses.length;

  // Breaks and sitting stretches from the minute sequence: a stretch is consecutive sitting
  // minutes; anything else between two of them (a minute moving, lying, off, or not logged
  // because the clip was off) is a break.
  let breaks = 0, run = 0, longest = 0, stretches = 0, prevT = NaN, prevSitting = false;
  for (const m of minutes) {
    const sitting = m.upright + m.slouch >= SITTING_MIN_S;
    if (sitting) {
      if (prevSitting && m.t - prevT === 60) run++;
      else {
        if (stretches) breaks++;
        stretches++;
        run = 1;
      }
      if (run > longest) longest = run;
    }
    prevSitting = sitting;
    prevT = m.t;
  }

  const finish = (map: typeof days, keys: string[]): PeriodRow[] =>
    keys.map((k) => {
      const r = map.get(k) ?? { key: k, wornMin: 0, uprightPct: null, alerts: 0, episodes: 0, up: 0, sl: 0 };
      return { key: k, wornMin: r.wornMin, uprightPct: pct(r.up, r.up + r.sl), alerts: r.alerts, episodes: r.episodes };
    });
  const worn = seconds.upright + seconds.slouch + seconds.moving + seconds.lying;
  const within = (s: number) => pct(responses.filter((x) => x <= s).length, alerts);
  return {
    minutes: minutes.length,
    unplacedMinutes: unplaced,
    seconds,
    wornMin: worn / 60,
    uprightPct: pct(seconds.upright, seconds.upright + seconds.slouch),
    episodes: {
      count: eps.length,
      unplaced: unplacedEpisodes,
      totalMin: episodeS.reduce((a, b) => a + b, 0) / 60,
      medianS: median(episodeS),
      longestS: episodeS.length ? Math.max(...episodeS) : null,
    },
    alerts: { count: alerts, buzzed, perWornHour: worn > 0 ? alerts / (worn / 3600) : 0 },
    response: { alerts, corrected, within10Pct: within(RESPONSE_FAST_S), within60Pct: within(RESPONSE_SLOW_S), medianS: median(responses) },
    snoozes: { count: snoozes, minutes: snoozeMin },
    breaks: { count: breaks, reminders, longestSittingMin: longest },
    inclination: inclinationFromMinutes(minutes),
    episodeEva: binEpisodes(episodeS),
    perHour: finish(hours, Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))),
    perDay: finish(days, [...days.keys()].sort()),
    configChanges,
  };
}
