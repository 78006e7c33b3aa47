// `posture stream --json` (and piped): one JSON object per line, a sample every 0.4 s or an event.
import { z } from 'zod';
import { STATE_NAMES } from '../../../shared/events';
import { eventLineOutput } from '../../log/event-output';

export const streamSampleOutput = z.object({
  t_ms: z.number().describe("the clip's clock, ms"),
  flexion_deg: z.number().nullable().describe('forward lean from the calibrated upright; null until calibrated'),
  lateral_deg: z.number().nullable().describe('sideways lean from the calibrated upright; null until calibrated'),
  state: z.enum(STATE_NAMES as [string, ...string[]]),
  motion_mg: z.number().int().nonnegative().describe('RMS dynamic acceleration over the block, mg'),
});

export const streamLineOutput = z.union([streamSampleOutput, eventLineOutput]);
