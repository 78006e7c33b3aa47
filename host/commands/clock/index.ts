// `posture clock [--set]`: the clip's clock drift, and setting it from this computer.
import { withDevice } from '../device';
import { acceleratedClock, clockOff } from '../info/index';

export interface ClockResult {
  driftMs: number;
  clockSet: boolean;
  wasSet: boolean;
  setTo?: number;
  /** Clock seconds per real second: above 1 on a virtual clip run fast (posture simulate --speed). */
  rate: number;
  /** More than 2 s off, on a clip whose clock runs at real time. */
  off: boolean;
}

export async function clockCommand(o: { port?: string; set?: boolean }): Promise<ClockResult> {
  return withDevice(o.port, async (link) => {
    const h = link.hello!;
    const driftMs = h.clock - Date.now();
    const rate = h.rate ?? 1, off = clockOff(h, driftMs);
    if (!o.set) return { driftMs, clockSet: h.clockSet === 1, wasSet: h.clockSet === 1, rate, off };
    const now = Date.now();
    // The UTC offset too: the clip's exercise reminders at times of day are in local time.
    await link.request('clock', { ms: now, tz: -new Date(now).getTimezoneOffset() });
    return { driftMs, clockSet: true, wasSet: h.clockSet === 1, setTo: now, rate, off };
  });
}
