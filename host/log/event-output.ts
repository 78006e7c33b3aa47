// The JSON line of one event, as `posture stream` and `posture replay --json` print it and the
// clip sends it (shared/event-json.ts writes it byte-identically on both sides). This schema is
// its documentation and checks it in the tests.
import { z } from 'zod';
import { CALIB_REASONS, END_NAMES, EVENT_NAMES, FAULT_NAMES, STATE_NAMES } from '../../shared/events';

const t = z.number().describe("the clip's clock, ms since 1970 once set (else since power-up)");
const ev = (type: string, body: z.ZodRawShape) => z.object({ t_ms: t, type: z.literal(type), ...body });
const words = (list: string[]) => z.enum(list.filter(Boolean) as [string, ...string[]]);
const int = z.number().int();

const SPECIFIC = ['state', 'alert', 'slouch_start', 'slouch_end', 'corrected', 'calibrated', 'calib_refused', 'break', 'fault'];

export const eventLineOutput = z.union([
  ev('state', { state: words(STATE_NAMES), from: z.union([words(STATE_NAMES), z.literal('none')]) }),
  ev('alert', { level: int.min(1).describe('1 for the first buzz of an episode, then 2, 3 ...'), buzz: z.boolean().describe('false in tracking mode: recorded only') }),
  ev('slouch_start', { flexion_ddeg: int.describe('flexion when the slouch began, 0.1 deg') }),
  ev('slouch_end', { duration_ms: int, reason: words(END_NAMES) }),
  ev('corrected', { after_alert_ms: int.describe('from the latest buzz to sitting up'), alerts: int }),
  ev('calibrated', { sagittal_ref_ddeg: int.describe('upright angle from vertical, 0.1 deg'), samples: int }),
  ev('calib_refused', { reason: words(CALIB_REASONS), samples: int }),
  ev('break', { sitting_min: int.describe('minutes sat without a real break') }),
  ev('fault', { fault: z.union([words(FAULT_NAMES), z.literal('unknown')]), detail: int }),
  z.object({
    t_ms: t,
    type: z.enum(EVENT_NAMES.filter((n) => n && !SPECIFIC.includes(n)) as [string, ...string[]]),
    a: int.describe('first value, as docs/events.md gives it for this type'),
    b: int.describe('second value'),
  }),
]);
