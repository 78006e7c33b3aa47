// `posture replay --json`: event lines by default; one object with --metrics or --compare.
import { z } from 'zod';
import { figure } from '../../cli/json-output';
import type { InclinationReport } from '../../metrics/from-recording';
import type { CompareRow } from './index';

const num = figure().describe('null when nothing was counted');

export const isoBandsOutput = z.object({
  leaningBackPct: num,
  acceptablePct: num.describe('0 to 20 deg (ISO 11226: acceptable)'),
  conditionalPct: num.describe('20 to 60 deg (ISO 11226: acceptable for limited holding times)'),
  notAcceptablePct: num.describe('beyond 60 deg (ISO 11226: not acceptable)'),
});

export const evaOutput = z.object({
  angleDeg: z.number().describe('the exposure angle: bouts with flexion beyond it are counted'),
  bins: z.array(z.object({ duration: z.string().describe('bout length bin, e.g. "10-30 s"'), bouts: z.number().int(), seconds: z.number() })),
});

export const replayMetricsOutput = z.object({
  countedMinutes: z.number().describe('still minutes (upright or slouched) the figures rest on'),
  blockMs: z.number().describe('one inclination value per block of this length'),
  flexionDeg: z.object({ p10: num, p50: num, p90: num }).describe('percentiles of forward flexion from the calibrated upright'),
  isoBands: isoBandsOutput.describe('share of counted time per ISO 11226 trunk band'),
  timeAbove: z.array(z.object({ angleDeg: z.number(), pct: num })),
  eva: evaOutput.describe('exposure variation analysis: bouts beyond the angle, binned by length'),
});

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function metricsJson(m: InclinationReport): z.input<typeof replayMetricsOutput> {
  return {
    countedMinutes: m.countedMin,
    blockMs: m.blockMs,
    flexionDeg: { p10: fin(m.p10), p50: fin(m.p50), p90: fin(m.p90) },
    isoBands: { leaningBackPct: fin(m.bands.back), acceptablePct: fin(m.bands.acceptable), conditionalPct: fin(m.bands.conditional), notAcceptablePct: fin(m.bands.notAcceptable) },
    timeAbove: m.above.map((a) => ({ angleDeg: a.angle, pct: fin(a.pct) })),
    eva: { angleDeg: m.eva.angle, bins: m.eva.bins.map((b) => ({ duration: b.label, bouts: b.count, seconds: b.seconds })) },
  };
}

export const replayCompareOutput = z.object({
  samples: z.number().int(),
  hours: z.number().describe('length of the recording'),
  rows: z.array(z.object({
    settings: z.array(z.string()).describe('the name=value changes of this row'),
    alerts: z.number().int(),
    alertsPerHour: z.number(),
    firstAlertS: z.number().nullable().describe('seconds into the recording; null when none'),
    uprightPct: z.number().nullable().describe('upright share of still time'),
    exerciseReps: z.number().int().describe('exercise repetitions counted'),
    exerciseSets: z.number().int().describe('exercise sets completed'),
  })),
});

export function compareJson(c: { rows: CompareRow[]; hours: number; samples: number }): z.input<typeof replayCompareOutput> {
  return { samples: c.samples, hours: c.hours, rows: c.rows.map((r) => ({ settings: r.set, alerts: r.alerts, alertsPerHour: r.alertsPerHour, firstAlertS: r.firstAlertS, uprightPct: r.uprightPct, exerciseReps: r.exerciseReps, exerciseSets: r.exerciseSets })) };
}
