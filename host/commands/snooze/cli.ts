// `posture snooze`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { parseMinutes, snoozeCommand, SNOOZE_MAX_MIN } from './index';
import { printJson } from '../../cli/json-output';
import { snoozeJson, snoozeOutput } from './output';

export const snoozeCli: CommandDef = {
  name: 'snooze',
  summary: 'silence alerts for a while (as a press of the button); the clip keeps logging',
  help: `Usage: posture snooze [--min N] [--port PATH] [--json]

No buzz for N minutes (default: the prescription's snooze_min), as a press of the clip's button
does; it keeps sampling and logging, and logs the snooze. A press of the button while a pattern
plays stops the pattern.
  --min N              minutes, 1..${SNOOZE_MAX_MIN}
${PORT_HELP}
${JSON_HELP}

Example: npx posture snooze --min 30 --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, min: { type: 'string' } }, false);
    const r = await snoozeCommand({ port: values.port, min: parseMinutes(values.min) });
    if (values.json) return void printJson(io, snoozeOutput, snoozeJson(r));
    const until = new Date(r.until).toTimeString().slice(0, 5);
    io.out(`alerts silenced for ${r.min} min (until ${until})\n`);
  },
};
