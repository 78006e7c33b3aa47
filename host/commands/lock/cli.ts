// `posture lock` and `posture unlock`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { lockCommand } from './index';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { printJson } from '../../cli/json-output';
import { lockOutput } from './output';

const lockDef = (unlock: boolean): CommandDef => ({
  name: unlock ? 'unlock' : 'lock',
  summary: unlock ? 'remove the therapist lock (needs its PIN)' : 'lock the prescription with a therapist PIN',
  help: `Usage: posture ${unlock ? 'unlock --pin PIN' : 'lock --pin PIN [--old PIN]'} [--port PATH]

${unlock ? 'Removes the lock; the PIN must be the one the therapist set.' : `Locks the prescription: while locked, config changes, mode changes, firmware uploads and a
factory reset need the PIN (--pin on each of those commands). A PIN is 4 to 8 digits.
  --pin PIN            the new PIN
  --old PIN            the current PIN, to change the PIN of a clip that is already locked`}
${PORT_HELP}
${JSON_HELP}

Example: npx posture ${unlock ? 'unlock' : 'lock'} --pin 2468 --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, pin: { type: 'string' }, old: { type: 'string' }, json: { type: 'boolean' } }, false);
    const r = await lockCommand({ port: values.port, pin: values.pin, old: values.old, unlock });
    if (values.json) printJson(io, lockOutput, r);
    else io.out(r.locked ? 'locked\n' : 'unlocked\n');
  },
});

export const lockCli = lockDef(false);
export const unlockCli = lockDef(true);
