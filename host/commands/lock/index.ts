// `posture lock --pin` / `posture unlock --pin`: the therapist lock.
import { DeviceError, UsageError } from '../../cli/errors';
import { DeviceRequestError } from '../../link/device-link';
import { withDevice } from '../device';

export async function lockCommand(o: { port?: string; pin?: string; old?: string; unlock: boolean }): Promise<{ locked: boolean }> {
  if (!o.pin) throw new UsageError(o.unlock ? 'unlock needs --pin (the current PIN)' : 'lock needs --pin with 4 to 8 digits');
  if (!/^[0-9]{4,8}$/.test(o.pin)) throw new UsageError('--pin must be 4 to 8 digits');
  return withDevice(o.port, async (link) => {
    try {
      const r = o.unlock
        ? await link.request('lock', { pin: '', old: o.pin })
        : await link.request('lock', { pin: o.pin, ...(o.old ? { old: o.old } : {}) });
      return { locked: r.locked === 1 };
    } catch (e) {
      if (e instanceof DeviceRequestError && e.err === 6) {
        throw new DeviceError(o.unlock ? 'wrong PIN: the clip stays locked' : 'the clip is already locked: give the current PIN with --old');
      }
      throw e;
    }
  });
}
