// `posture info`: what the clip says about itself, with the clock drift.
import { withDevice } from '../device';
import { Hello } from '../../link/device-link';

export interface InfoResult {
  port: string;
  hello: Hello;
  driftMs: number;
  warnings: string[];
}

export const DRIFT_WARN_MS = 2000;

/** A virtual clip whose time runs faster than real time (the simulator's --speed): its clock runs ahead by design. */
export const acceleratedClock = (h: Hello): boolean => (h.rate ?? 1) !== 1;

/** The clock is more than 2 s off, on a clip whose clock runs at real time. */
export const clockOff = (h: Hello, driftMs: number): boolean => h.clockSet === 1 && !acceleratedClock(h) && Math.abs(driftMs) > DRIFT_WARN_MS;

export function driftWarnings(h: Hello, driftMs: number): string[] {
  const w: string[] = [];
  if (!h.clockSet) w.push('the clip\'s clock was never set: run "npx posture clock --set"');
  else if (clockOff(h, driftMs)) w.push(`the clip's clock is ${(driftMs / 1000).toFixed(1)} s off: run "npx posture clock --set"`);
  return w;
}

export async function infoCommand(o: { port?: string }): Promise<InfoResult> {
  return withDevice(o.port, async (link) => {
    const h = link.hello!;
    const driftMs = h.clock - Date.now();
    const warnings = driftWarnings(h, driftMs);
    if (h.log.lost) warnings.push(`the clip could not log ${h.log.lost} records because its Storage is full: pull with --erase to free it`);
    return { port: link.options.path, hello: h, driftMs, warnings };
  });
}
