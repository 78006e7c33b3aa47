// `posture calibrate --json`.
import { z } from 'zod';
import { CALIB_TEXT } from './calib-text';
import type { CalibrateResult } from './index';

export const calibrateOutput = z.object({
  calibrated: z.boolean(),
  uprightFromVerticalDeg: z.number().nullable().describe('the upper back\'s angle from vertical when upright; null when refused'),
  refusal: z.object({
    reason: z.string().describe('moving, lying, too_few_samples, ... (docs/events.md)'),
    message: z.string().describe('what to do, in words'),
  }).nullable(),
});

export const calibrateJson = (r: CalibrateResult): z.input<typeof calibrateOutput> => ({
  calibrated: r.ok,
  uprightFromVerticalDeg: r.ok ? r.sagittalRefDeg ?? null : null,
  refusal: r.ok ? null : { reason: r.reason ?? 'unknown', message: CALIB_TEXT[r.reason ?? ''] ?? String(r.reason) },
});
