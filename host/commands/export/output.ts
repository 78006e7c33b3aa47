// `posture export --json`.
import { z } from 'zod';
import type { ExportResult } from './index';

export const exportOutput = z.object({
  files: z.array(z.string()).describe('files written: the data, then its description'),
  rows: z.number().int().nonnegative(),
  clipIds: z.array(z.string()),
  unplacedSamples: z.number().int().nonnegative().describe('samples left out of an ActiGraph file: their recording has no start time'),
  repairs: z.array(z.string()).describe('what --repair repaired'),
});

export const exportJson = (r: ExportResult): z.input<typeof exportOutput> => ({
  files: r.files, rows: r.rows, clipIds: r.devices, unplacedSamples: r.unplaced ?? 0, repairs: r.repairs ?? [],
});
