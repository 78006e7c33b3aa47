// `posture reset --json`.
import { z } from 'zod';
import type { ResetResult } from './index';

export const resetOutput = z.object({
  clipId: z.string().regex(/^[0-9a-f]{8}$/),
  pulledRecords: z.number().int().nonnegative().describe('records pulled into the archive first (--pull)'),
  discardedRecords: z.number().int().nonnegative().describe('records erased unread (--discard-log)'),
});

export const resetJson = (r: ResetResult): z.input<typeof resetOutput> => ({ clipId: r.id, pulledRecords: r.pulled, discardedRecords: r.discarded });
