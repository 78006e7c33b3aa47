// `posture ports`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { JSON_HELP } from '../../cli/port-help';
import { parseFlags } from '../../cli/args';
import { listPorts } from '../device';
import { printJson } from '../../cli/json-output';
import { portsJson, portsOutput } from './output';

export const portsCli: CommandDef = {
  name: 'ports',
  summary: 'list serial ports and mark the ones that look like Espruino boards',
  help: `Usage: posture ports [--json]

Lists serial ports (USB VID/PID 0483:5740 marks an Espruino Pico). Pseudo-terminals such as the
one "posture simulate" makes are not listed: give their path with --port.

${JSON_HELP}

Example: npx posture ports`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } }, false);
    const list = await listPorts();
    if (values.json) return void printJson(io, portsOutput, portsJson(list));
    if (!list.length) return void io.out('no serial ports found\n');
    for (const p of list) io.out(`${p.espruino ? '*' : ' '} ${p.path}  ${p.manufacturer ?? ''} ${p.vendorId ?? ''}:${p.productId ?? ''}\n`);
  },
};
