// `posture calibrate`: asks the clip to take the upright reference and waits for its answer.
import { CALIB_REASONS, EV_CALIBRATED, EV_CALIB_REFUSED } from '../../../shared/events';
import { DeviceError } from '../../cli/errors';
import { withDevice } from '../device';

export interface CalibrateResult {
  ok: boolean;
  sagittalRefDeg?: number;
  reason?: string;
}

export async function calibrateCommand(o: { port?: string; countdown?: (n: number) => void }): Promise<CalibrateResult> {
  return withDevice(o.port, async (link) => {
    for (let n = 3; n > 0 && o.countdown; n--) {
      o.countdown(n);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const result = new Promise<CalibrateResult>((resolve) => {
      link.on('event', (e: { type: number; a: number }) => {
        if (e.type === EV_CALIBRATED) resolve({ ok: true, sagittalRefDeg: e.a / 10 });
        if (e.type === EV_CALIB_REFUSED) resolve({ ok: false, reason: CALIB_REASONS[e.a] ?? String(e.a) });
      });
    });
    const r = await link.request('calibrate', {});
    const ms = Number(r.ms) || 3000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new DeviceError('the clip did not finish calibrating')), ms + 10000);
    });
    try {
      return await Promise.race([result, timeout]);
    } finally {
      clearTimeout(timer);
    }
  });
}
