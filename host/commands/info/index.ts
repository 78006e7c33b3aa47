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

export function driftWarnings(h: Hello, driftMs: number): string[] {
  const w: string[] = [];
  if (!h.clockSet) w.push('the clip\'s clock was never set: run "posture clock --set"');
  else if (Math.abs(driftMs) > DRIFT_WARN_MS) w.push(`the clip's clock is ${(driftMs / 1000).toFixed(1)} s off: run "posture clock --set"`);
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
