// `posture clock --json`.
import { z } from 'zod';
import { iso } from '../../cli/json-output';
import type { ClockResult } from './index';

export const clockOutput = z.object({
  wasSet: z.boolean().describe('the clock had been set before this command'),
  offsetS: z.number().nullable().describe('clip minus this computer before any --set, seconds; null when never set'),
  rate: z.number().describe('clock seconds per real second: 1 on a clip, the speed of a virtual clip run fast'),
  setTo: z.string().nullable().describe('the time written with --set, ISO 8601 UTC; null without --set'),
});

export const clockJson = (r: ClockResult): z.input<typeof clockOutput> => ({
  wasSet: r.wasSet,
  offsetS: r.wasSet ? Math.round(r.driftMs) / 1000 : null,
  rate: r.rate,
  setTo: r.setTo ? iso(r.setTo) : null,
});
