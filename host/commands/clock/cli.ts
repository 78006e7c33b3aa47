// `posture clock`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { clockCommand } from './index';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { printJson } from '../../cli/json-output';
import { clockJson, clockOutput } from './output';

export const clockCli: CommandDef = {
  name: 'clock',
  summary: "show the clip's clock drift; --set syncs it to this computer",
  help: `Usage: posture clock [--set] [--port PATH] [--json]

${PORT_HELP}
  --set                set the clip's clock and time zone from this computer (records before
                       it are flagged; exercise reminders at times of day need it)
${JSON_HELP}

Example: npx posture clock --set --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, set: { type: 'boolean' } }, false);
    const r = await clockCommand({ port: values.port, set: values.set });
    if (values.json) return void printJson(io, clockOutput, clockJson(r));
    const fast = r.rate !== 1 ? ` (a virtual clip whose time runs ${r.rate}x fast: it gains on this computer by design)` : '';
    const before = r.wasSet ? `drift ${(r.driftMs / 1000).toFixed(1)} s${fast}` : 'the clip\'s clock was never set';
    io.out(r.setTo ? `${before}; now set to ${new Date(r.setTo).toISOString()}\n` : r.wasSet ? `${before}\n` : `${before}: use --set\n`);
    if (!r.setTo && r.off) io.err('warning: more than 2 s off: run "npx posture clock --set"\n');
  },
};
