// `posture buzz`: plays the motor test pattern at the prescribed strength, so a therapist
// can check the motor, the mounting and whether motor_pct is felt through clothing.
import { withDevice } from '../device';

export interface BuzzResult {
  /** Motor on-time the clip will play, ms (0: its per-minute cap is used up). */
  ms: number;
  motorPct: number;
}

export async function buzzCommand(o: { port?: string }): Promise<BuzzResult> {
  return withDevice(o.port, async (link) => {
    const cfg = (await link.request('get', {})).cfg as Record<string, number>;
    const r = await link.request('motor', {});
    return { ms: Number(r.ms) || 0, motorPct: cfg.motor_pct };
  });
}
