// `posture report --json`: the numbers the report shows, one entry per clip. Percentages are
// 0..100, null where there was nothing to divide; local days and hours follow utcOffsetMinutes.
import { z } from 'zod';
import { FIELDS } from '../../../shared/config';
import type { ReportData } from '../../report/data';
import { evaOutput, isoBandsOutput, replayMetricsOutput, metricsJson } from '../replay/output';

import { figure } from '../../cli/json-output';

const num = figure();
const int = z.number().int();
const pct = num;

const periodRow = z.object({
  key: z.string().describe('"2026-11-26" for a day, "09" for an hour of day'),
  wornMinutes: num, uprightPct: pct, alerts: int, episodes: int,
});

const stateSeconds = z.object({ upright: num, slouch: num, moving: num, lying: num, off: num });

const metrics = z.object({
  minutes: int.describe('minute summaries in the period'),
  unplacedMinutes: int.describe('minutes logged before the clip\'s clock was set (counted, not placed on a day)'),
  seconds: stateSeconds.describe('seconds in each state'),
  wornMinutes: num,
  uprightPct: pct.describe('upright share of still (upright + slouched) time'),
  episodes: z.object({ count: int, unplaced: int, totalMinutes: num, medianS: num, longestS: num })
    .describe('held slouches: flexion beyond the slouch angle held past the delay'),
  alerts: z.object({ count: int, buzzed: int, perWornHour: num }),
  response: z.object({ alerts: int, corrected: int, within10sPct: pct, within60sPct: pct, medianS: num })
    .describe('how soon the wearer sat up after a buzz'),
  snoozes: z.object({ count: int, minutes: num }),
  breaks: z.object({ count: int, reminders: int, longestSittingMinutes: num }),
  inclination: z.object({
    basisMinutes: num, flexionDeg: z.object({ p10: num, p50: num, p90: num }), isoBands: isoBandsOutput,
    timeAbove: z.array(z.object({ angleDeg: z.number(), pct })),
  }).nullable().describe('from the minute summaries\' flexion; null without still time'),
  episodeEva: evaOutput.describe('held slouches binned by length, at the slouch angle'),
  perHour: z.array(periodRow),
  perDay: z.array(periodRow),
});

const exerciseDay = z.object({
  setsDone: int, setsAbandoned: int, setsPrescribed: int.describe('0: not prescribed that day'), reps: int,
  peakDegMean: num.nullable().describe('mean furthest angle of the day\'s repetitions'), holdSMean: num.nullable(),
  targetDeg: num, holdTargetS: num,
});

const clip = z.object({
  clipId: z.string(),
  device: z.record(z.string(), z.unknown()).describe('what the clip said of itself at the last pull: firmware, board, IMU'),
  period: z.object({ first: z.string().nullable(), last: z.string().nullable(), days: int }).describe('ISO 8601 UTC'),
  excludedRecords: int.describe('records outside --from/--to'),
  grammarViolations: int.describe('breaks of the event grammar (docs/events.md) in the pulled log'),
  metrics,
  history: z.object({
    days: z.array(z.object({
      day: z.string(), source: z.enum(['minutes', 'hours', 'both']), wornMinutes: num, uprightMinutes: num, slouchMinutes: num,
      uprightPct: pct, flexionMeanDeg: num, alerts: int, corrections: int, alertsPerWornHour: num,
    })),
    hoursFromSummaries: int, unplacedHours: int,
  }).describe('every day the archive knows of, from minutes where held, else hourly summaries'),
  histogram: z.object({
    source: z.enum(['minutes', 'samples']),
    bins: z.array(z.object({ fromDeg: z.number(), toDeg: z.number(), minutes: num })),
  }).describe('time per 5-degree flexion bin'),
  samples: z.object({ files: z.array(z.string()), metrics: replayMetricsOutput }).nullable().describe('from raw recordings in the archive, if any'),
  prescription: z.object({
    config: z.object(Object.fromEntries(FIELDS.map((f) => [f.name, z.number()]))).describe('the latest prescription (docs/core.md)'),
    source: z.string(),
    changes: z.array(z.object({
      at: z.string().nullable().describe('ISO 8601 UTC; null before the clock was set'),
      fields: z.array(z.object({ field: z.string(), old: z.number().nullable(), new: z.number() })),
    })),
  }),
  exercise: z.object({
    prescribed: z.boolean().describe('whether the exercise programme was prescribed in this period'),
    setsDone: int, setsPrescribed: int, reps: int,
    days: z.array(z.object({
      day: z.string(), reminders: int,
      extension: exerciseDay, sideBend: exerciseDay,
    })).describe('every worn day, and every day with an exercise event'),
  }).describe('the exercise programme day by day (docs/report-and-metrics.md)'),
});

export const reportOutput = z.object({
  generated: z.string().describe('ISO 8601 UTC'),
  utcOffsetMinutes: int,
  clips: z.array(clip),
});

export function reportJson(r: ReportData): z.input<typeof reportOutput> {
  return {
    generated: r.generated,
    utcOffsetMinutes: r.utcOffsetMin,
    clips: r.devices.map((d) => {
      const m = d.metrics;
      const row = (p: (typeof m.perDay)[number]) => ({ key: p.key, wornMinutes: p.wornMin, uprightPct: p.uprightPct, alerts: p.alerts, episodes: p.episodes });
      return {
        clipId: d.id,
        device: d.device,
        period: d.period,
        excludedRecords: d.excludedRecords,
        grammarViolations: d.grammar.violations,
        metrics: {
          minutes: m.minutes, unplacedMinutes: m.unplacedMinutes, seconds: m.seconds, wornMinutes: m.wornMin, uprightPct: m.uprightPct,
          episodes: { count: m.episodes.count, unplaced: m.episodes.unplaced, totalMinutes: m.episodes.totalMin, medianS: m.episodes.medianS, longestS: m.episodes.longestS },
          alerts: m.alerts,
          response: { alerts: m.response.alerts, corrected: m.response.corrected, within10sPct: m.response.within10Pct, within60sPct: m.response.within60Pct, medianS: m.response.medianS },
          snoozes: m.snoozes,
          breaks: { count: m.breaks.count, reminders: m.breaks.reminders, longestSittingMinutes: m.breaks.longestSittingMin },
          inclination: m.inclination && {
            basisMinutes: m.inclination.basisMin,
            flexionDeg: { p10: m.inclination.p10, p50: m.inclination.p50, p90: m.inclination.p90 },
            isoBands: { leaningBackPct: m.inclination.bands.back, acceptablePct: m.inclination.bands.acceptable, conditionalPct: m.inclination.bands.conditional, notAcceptablePct: m.inclination.bands.notAcceptable },
            timeAbove: m.inclination.above.map((a) => ({ angleDeg: a.angle, pct: a.pct })),
          },
          episodeEva: { angleDeg: d.prescription.config.threshold_deg, bins: m.episodeEva.map((b) => ({ duration: b.label, bouts: b.count, seconds: b.seconds })) },
          perHour: m.perHour.map(row),
          perDay: m.perDay.map(row),
        },
        history: {
          days: d.history.days.map((h) => ({
            day: h.day, source: h.source, wornMinutes: h.wornMin, uprightMinutes: h.uprightMin, slouchMinutes: h.slouchMin, uprightPct: h.uprightPct,
            flexionMeanDeg: h.flexionMeanDeg, alerts: h.alerts, corrections: h.corrections, alertsPerWornHour: h.alertsPerWornHour,
          })),
          hoursFromSummaries: d.history.hoursFromSummaries,
          unplacedHours: d.history.unplacedHours,
        },
        histogram: { source: d.histogram.source, bins: d.histogram.bins.map((b) => ({ fromDeg: b.from, toDeg: b.to, minutes: b.minutes })) },
        samples: d.samples && { files: d.samples.files, metrics: metricsJson(d.samples.inclination) },
        prescription: {
          config: d.prescription.config,
          source: d.prescription.source,
          changes: d.prescription.changes.map((c) => ({ at: c.at, fields: c.fields.map((f) => ({ field: f.field, old: f.old, new: f.value })) })),
        },
        exercise: d.exercise,
      };
    }),
  };
}
