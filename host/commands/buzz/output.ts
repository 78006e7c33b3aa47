// `posture buzz --json`.
import { z } from 'zod';
import type { BuzzResult } from './index';

export const buzzOutput = z.object({
  vibrationMs: z.number().int().nonnegative().describe("vibration the clip plays; 0 when its 5 s a minute are used up"),
  strengthPct: z.number().int().min(0).max(100).describe('the prescribed buzz strength, motor_pct'),
});

export const buzzJson = (r: BuzzResult): z.input<typeof buzzOutput> => ({ vibrationMs: r.ms, strengthPct: r.motorPct });
