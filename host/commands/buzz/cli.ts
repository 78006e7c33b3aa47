// `posture buzz`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { buzzCommand } from './index';
import { printJson } from '../../cli/json-output';
import { buzzJson, buzzOutput } from './output';

export const buzzCli: CommandDef = {
  name: 'buzz',
  summary: 'play the motor test pattern at the prescribed strength (motor_pct), to check it is felt',
  help: `Usage: posture buzz [--port PATH] [--json]

Plays the clip's test pattern, three pulses of rising length (0.1, 0.2 and 0.4 s), at the
strength in force (motor_pct), in training and tracking mode alike, so the wearer and the
therapist can check that it is felt where the clip sits. The clip never runs the motor more than 5 s a minute: after a few buzzes in
a row it plays less, or nothing, until the minute is over.
${PORT_HELP}
${JSON_HELP}

Example: npx posture buzz --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' } }, false);
    const r = await buzzCommand({ port: values.port });
    if (values.json) return void printJson(io, buzzOutput, buzzJson(r));
    if (!r.ms) io.out("the motor's 5 s a minute are used up: nothing played; try again in a minute\n");
    else io.out(`buzzing: ${(r.ms / 1000).toFixed(1)} s of vibration at ${r.motorPct} % (change it with posture config set motor_pct=...)\n`);
  },
};
