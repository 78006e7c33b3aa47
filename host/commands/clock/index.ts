// `posture clock [--set]`: the clip's clock drift, and setting it from this computer.
import { withDevice } from '../device';

export async function clockCommand(o: { port?: string; set?: boolean }): Promise<{ driftMs: number; clockSet: boolean; wasSet: boolean; setTo?: number }> {
  return withDevice(o.port, async (link) => {
    const h = link.hello!;
    const driftMs = h.clock - Date.now();
    if (!o.set) return { driftMs, clockSet: h.clockSet === 1, wasSet: h.clockSet === 1 };
    const now = Date.now();
    await link.request('clock', { ms: now });
    return { driftMs, clockSet: true, wasSet: h.clockSet === 1, setTo: now };
  });
}
