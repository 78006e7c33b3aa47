// `posture snooze --json`.
import { z } from 'zod';
import { iso } from '../../cli/json-output';
import type { SnoozeResult } from './index';

export const snoozeOutput = z.object({
  minutes: z.number().int().nonnegative().describe('how long alerts are silenced'),
  until: z.string().describe('when alerts come back, ISO 8601 UTC by this computer\'s clock'),
});

export const snoozeJson = (r: SnoozeResult): z.input<typeof snoozeOutput> => ({ minutes: r.min, until: iso(r.until) });
