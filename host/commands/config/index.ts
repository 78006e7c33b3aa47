// `posture config get|set`: reads the clip's prescription; a set validates against the shared
// table, writes, reads back and verifies every value.
import { Config, FIELDS } from '../../../shared/config';
import { applyAssignments, assignedNames } from '../../cli/args';
import { DeviceError, UsageError } from '../../cli/errors';
import { fieldMessage } from '../../config-errors';
import { DeviceRequestError } from '../../link/device-link';
import { configSchema } from '../../link/schemas';
import { withDevice } from '../device';
import { isLockRefusal, lockRefusal } from '../pin-refusal';

export async function configGet(o: { port?: string; name?: string }): Promise<Config> {
  if (o.name && !FIELDS.some((f) => f.name === o.name)) {
    throw new UsageError(fieldMessage(1, o.name, undefined));
  }
  return withDevice(o.port, async (link) => {
    const r = configSchema.safeParse((await link.request('get', {})).cfg);
    if (!r.success) throw new DeviceError(`the clip sent an invalid config: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
    return o.name ? { [o.name]: r.data[o.name] } : r.data;
  });
}

export async function configSet(o: { port?: string; assignments: string[]; pin?: string }): Promise<{ changed: Config; config: Config }> {
  if (!o.assignments.length) throw new UsageError('config set needs name=value pairs, for example threshold_deg=20');
  return withDevice(o.port, async (link) => {
    const current = configSchema.parse((await link.request('get', {})).cfg);
    const next = applyAssignments(current, o.assignments, 'config set'); // names, ranges, cross-field rules
    const changed: Config = {};
    for (const name of assignedNames(o.assignments)) changed[name] = next[name];
    try {
      await link.request('set', { v: changed, ...(o.pin ? { pin: o.pin } : {}) });
    } catch (e) {
      if (isLockRefusal(e)) throw lockRefusal(!!o.pin, 'the prescription is unchanged');
      if (e instanceof DeviceRequestError && e.field) throw new UsageError(fieldMessage(e.code ?? 0, e.field, changed[e.field]));
      throw e;
    }
    const back = configSchema.parse((await link.request('get', {})).cfg);
    for (const [k, v] of Object.entries(changed)) {
      if (back[k] !== v) throw new DeviceError(`read-back mismatch: ${k} is ${back[k]} on the clip, ${v} was written`);
    }
    return { changed, config: back };
  });
}
