// `posture snooze [--min N]`: silences alerts for a while, as a press of the clip's button does
// (the clip keeps sampling and logging; the snooze is logged as an event).
import { UsageError } from '../../cli/errors';
import { withDevice } from '../device';

export const SNOOZE_MAX_MIN = 240;

export interface SnoozeResult {
  min: number;
  /** When alerts come back, by this computer's clock (ms since 1970). */
  until: number;
}

export function parseMinutes(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!/^\d+$/.test(s.trim()) || n < 1 || n > SNOOZE_MAX_MIN) throw new UsageError(`--min ${s}: expected whole minutes, 1..${SNOOZE_MAX_MIN}`);
  return n;
}

/** min absent: the prescription's snooze_min, as the button uses. */
export async function snoozeCommand(o: { port?: string; min?: number }): Promise<SnoozeResult> {
  return withDevice(o.port, async (link) => {
    let min = o.min;
    if (min === undefined) min = Number(((await link.request('get', {})).cfg as Record<string, number>).snooze_min);
    await link.request('snooze', { min });
    return { min, until: Date.now() + min * 60_000 };
  });
}
