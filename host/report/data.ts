// Everything the report shows, as data: the metrics, a per-day timeline, the inclination
// histogram, the prescription and its changes, and the samples-based figures where raw
// recordings exist. `posture report --json` prints exactly this; the HTML only draws it.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Config, defaultConfig } from '../../shared/config';
import { describeViolation } from '../log/grammar';
import { EV_ALERT, EV_CONFIG } from '../../shared/events';
import { InputError, fileProblem } from '../cli/errors';
import { DeviceLog } from '../archive/load';
import { archiveMetrics, ArchiveMetrics, localParts } from '../metrics/archive-metrics';
import { dailyHistory, History } from '../metrics/history';
import { exerciseSummary, ExerciseSummary } from '../metrics/exercise';
import { inclinationReport, inclinationSeries, InclinationReport } from '../metrics/from-recording';
import { configForRecording } from '../commands/replay/index';
import { defaultCalibration } from '../replay/replay';
import { parseSamplesCsv } from '../replay/samples-csv';

/** One character per minute of the day: '.' not logged, else the minute's main state. */
export const TIMELINE_CODES = { none: '.', upright: 'u', slouch: 's', moving: 'm', lying: 'l', off: 'o' };

export interface PrescriptionChange {
  /** Device time, ms: every field of one change shares it. */
  t: number;
  /** ISO 8601 UTC; null when the clip's clock was not set yet. */
  at: string | null;
  fields: { field: string; old: number | null; value: number }[];
}

export interface TimelineDay {
  day: string;
  minutes: string;
  /** Minutes of the day (0..1439) at which the clip buzzed or logged an alert. */
  alerts: number[];
  /** Minutes of the day at which the prescription changed. */
  changes: number[];
}

export interface HistogramBin {
  from: number;
  to: number;
  minutes: number;
}

export interface DeviceReport {
  id: string;
  /** Breaks of the event grammar in the pulled log: a clip firmware bug, or records damaged on the way. */
  grammar: { violations: number; first: string[] };
  device: Record<string, unknown>;
  period: { first: string | null; last: string | null; days: number };
  excludedRecords: number;
  metrics: ArchiveMetrics;
  /** Every day the archive knows of, from minutes where it holds them, else the hourly summaries. */
  history: History;
  timeline: TimelineDay[];
  histogram: { source: 'minutes' | 'samples'; bins: HistogramBin[] };
  samples: { files: string[]; minutes: number; inclination: InclinationReport } | null;
  /** changes: one per set or import (its fields logged at one instant), oldest first. */
  prescription: { config: Config; source: string; changes: PrescriptionChange[] };
  /** The exercise programme day by day (prescribed false: never prescribed, nothing to show). */
  exercise: ExerciseSummary;
}

export interface ReportData {
  generated: string;
  utcOffsetMin: number;
  devices: DeviceReport[];
}

const HIST_FROM = -20, HIST_TO = 90, HIST_STEP = 5;

function emptyBins(): HistogramBin[] {
  const bins: HistogramBin[] = [];
  for (let f = HIST_FROM; f < HIST_TO; f += HIST_STEP) bins.push({ from: f, to: f + HIST_STEP, minutes: 0 });
  return bins;
}

function binOf(deg: number): number {
  const i = Math.floor((deg - HIST_FROM) / HIST_STEP);
  return i < 0 ? 0 : i >= (HIST_TO - HIST_FROM) / HIST_STEP ? (HIST_TO - HIST_FROM) / HIST_STEP - 1 : i;
}

function mainState(m: { upright: number; slouch: number; moving: number; lying: number; off: number }): string {
  const order: [keyof typeof TIMELINE_CODES, number][] = [['upright', m.upright], ['slouch', m.slouch], ['moving', m.moving], ['lying', m.lying], ['off', m.off]];
  let best = order[0];
  for (const o of order) if (o[1] > best[1]) best = o;
  return best[1] > 0 ? TIMELINE_CODES[best[0]] : TIMELINE_CODES.none;
}

/** evaAngle: the prescribed slouch angle, so that the samples' EVA and the episodes' speak of one angle. */
function samplesPart(files: string[], evaAngle: number): { part: DeviceReport['samples']; series: number[] } {
  if (!files.length) return { part: null, series: [] };
  const series: number[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read ${f}: ${fileProblem(e)}`);
    }
    const rec = parseSamplesCsv(text, basename(f));
    const { config } = configForRecording(rec, []);
    series.push(...inclinationSeries(rec, config, defaultCalibration(rec)), NaN);
  }
  const inclination = inclinationReport(series, evaAngle);
  return { part: { files, minutes: inclination.countedMin, inclination }, series };
}

export function deviceReport(log: DeviceLog, utcOffsetMin: number): DeviceReport {
  const metrics = archiveMetrics(log.minutes, log.events, utcOffsetMin);
  const days = new Map<string, TimelineDay>();
  const dayOf = (ms: number) => {
    const p = localParts(ms, utcOffsetMin);
    let d = days.get(p.day);
    if (!d) days.set(p.day, (d = { day: p.day, minutes: '', alerts: [], changes: [] }));
    const minute = Math.floor(((ms + utcOffsetMin * 60000) % 86400000 + 86400000) % 86400000 / 60000);
    return { d, minute };
  };
  const chars = new Map<string, string[]>();
  for (const m of log.minutes) {
    if (!m.clockSet) continue;
    const { d, minute } = dayOf(m.t * 1000);
    let c = chars.get(d.day);
    if (!c) chars.set(d.day, (c = Array(1440).fill(TIMELINE_CODES.none)));
    c[minute] = mainState(m);
  }
  for (const e of log.events) {
    if (!e.clockSet || (e.type !== EV_ALERT && e.type !== EV_CONFIG)) continue;
    const { d, minute } = dayOf(e.t);
    (e.type === EV_ALERT ? d.alerts : d.changes).push(minute);
  }
  const timeline = [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  for (const d of timeline) d.minutes = (chars.get(d.day) ?? Array(1440).fill(TIMELINE_CODES.none)).join('');

  // The prescription: what the clip reported at the latest pull, else the defaults.
  const dev = (log.state.device ?? {}) as Record<string, unknown>;
  const reported = dev.config && typeof dev.config === 'object' ? (dev.config as Config) : null;
  const config = { ...defaultConfig(), ...(reported ?? {}) };
  const { part: samples, series } = samplesPart(log.recordings, config.threshold_deg);
  const bins = emptyBins();
  if (samples) {
    for (const f of series) if (Number.isFinite(f)) bins[binOf(f)].minutes += samples.inclination.blockMs / 60000;
  } else {
    for (const m of log.minutes) if (m.upright + m.slouch > 0) bins[binOf(m.flexMean / 10)].minutes += (m.upright + m.slouch) / 60;
  }

  // The prescription's changes are the config events in the log.
  const changes: PrescriptionChange[] = [];
  for (const c of metrics.configChanges) {
    const prev = changes[changes.length - 1];
    const at = c.clockSet ? new Date(c.t).toISOString() : null;
    const field = { field: c.name, old: c.old, value: c.value };
    if (prev && prev.t === c.t) prev.fields.push(field);
    else changes.push({ t: c.t, at, fields: [field] });
  }
  // The period spans the minutes and the hourly summaries (an hour's record ends with its hour).
  const starts = log.minutes.filter((m) => m.clockSet).map((m) => [m.t, m.t + 60]).concat(log.hours.filter((h) => h.clockSet).map((h) => [h.t, h.t + 3600]));
  const first = starts.length ? new Date(Math.min(...starts.map((x) => x[0])) * 1000).toISOString() : null;
  const last = starts.length ? new Date(Math.max(...starts.map((x) => x[1])) * 1000).toISOString() : null;
  const history = dailyHistory(log.minutes, log.hours, utcOffsetMin);
  // Each worn day's last minute: the exercise view judges a day by the prescription at its end.
  const wornEnd = new Map<string, number>();
  for (const m of log.minutes) if (m.clockSet && m.off < 60) wornEnd.set(localParts(m.t * 1000, utcOffsetMin).day, m.t * 1000);
  const exercise = exerciseSummary(log.events, config, utcOffsetMin, [...wornEnd].map(([day, endT]) => ({ day, endT })));
  return {
    id: log.id,
    grammar: { violations: log.violations.length, first: log.violations.slice(0, 5).map(describeViolation) },
    device: dev,
    period: { first, last, days: Math.max(timeline.length, history.days.length) },
    excludedRecords: log.excluded,
    metrics,
    history,
    timeline,
    histogram: { source: samples ? 'samples' : 'minutes', bins },
    samples,
    prescription: { config, source: reported ? 'reported by the clip at the latest pull' : 'defaults (the clip reported none)', changes },
    exercise,
  };
}
