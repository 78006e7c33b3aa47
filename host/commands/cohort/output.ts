// `posture cohort --json`.
import { z } from 'zod';
import type { CohortResult } from '../../cohort/build';

export const cohortOutput = z.object({
  study: z.string().describe('the study folder'),
  participants: z.array(z.object({
    participant: z.string(),
    archive: z.string().describe('the archive the clip was read from'),
    rows: z.record(z.string(), z.number().int()).describe('rows written per level'),
  })),
  summary: z.string().describe('the per-participant, per-day summary CSV'),
  summaryRows: z.number().int(),
  report: z.string().describe('cohort-report.html: completeness, spread across participants, participants x days'),
});

export const cohortJson = (r: CohortResult): z.input<typeof cohortOutput> => ({
  study: r.study, participants: r.participants.map((p) => ({ participant: p.participant, archive: p.archive, rows: p.rows })), summary: r.summary, summaryRows: r.summaryRows, report: r.report,
});
