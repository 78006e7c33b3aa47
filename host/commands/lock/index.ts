// `posture lock --pin` / `posture unlock --pin`: the therapist lock.
import { UsageError } from '../../cli/errors';
import { isLockRefusal, lockRefusal } from '../pin-refusal';
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
      if (isLockRefusal(e)) throw o.unlock ? lockRefusal(true, 'the clip stays locked') : lockRefusal(!!o.old, 'the clip is already locked and its PIN unchanged', '--old');
      throw e;
    }
  });
}
