// `posture pull --json`.
import { z } from 'zod';
import type { PullResult } from './index';

const count = z.number().int().nonnegative();

const ringPull = z.object({
  addedRecords: count.describe('records this pull added to the archive'),
  heldRecords: count.describe('records the archive holds for this clip'),
  nextRecord: count.describe('sequence number the archive expects next'),
  gaps: z.array(z.object({ first: count, last: count })).describe('sequence numbers lost before they were pulled (inclusive ranges)'),
  tornRecords: count.describe('records cut short by a power loss while writing'),
  droppedRecords: count.describe('records the clip dropped when its flash was full'),
  erasedFiles: count.describe('log files freed on the clip (--erase)'),
});

export const pullOutput = z.object({
  clipId: z.string().regex(/^[0-9a-f]{8}$/),
  archiveDir: z.string().describe("this clip's folder in the archive"),
  log: ringPull.describe('minute summaries and events'),
  hourlyLog: ringPull.nullable().describe('hourly summaries; null when the clip keeps none'),
  warnings: z.array(z.string()),
});

function ring(r: Omit<NonNullable<PullResult['hours']>, never>): z.input<typeof ringPull> {
  return {
    addedRecords: r.added, heldRecords: r.total, nextRecord: r.next, gaps: r.gaps.map(([first, last]) => ({ first, last })),
    tornRecords: r.torn, droppedRecords: r.dropped, erasedFiles: r.erasedFiles,
  };
}

export function pullJson(r: PullResult): z.input<typeof pullOutput> {
  return { clipId: r.id, archiveDir: r.dir, log: ring(r), hourlyLog: r.hours ? ring(r.hours) : null, warnings: r.warnings };
}
