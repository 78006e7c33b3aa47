// `posture flash`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { flashCommand } from './index';
import { UsageError } from '../../cli/errors';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { printJson } from '../../cli/json-output';
import { flashJson, flashOutput } from './output';

export const flashCli: CommandDef = {
  name: 'flash',
  summary: 'upload firmware (firmware/dist or FILE) through the REPL, reboot, verify the version',
  help: `Usage: posture flash [FILE] [--pin PIN] [--plain] [--port PATH] [--json]
       posture flash --repl [FILE | --board pico|pico-w25q|puck] [--plain] [--port PATH]

Uploads the board's bundle from firmware/dist (or FILE) the way Espruino's tools do, reboots the
clip into it and checks the version and the CRC-32 of the code it runs. Refuses a file that
fails the Espruino syntax gate. The code is stored pretokenised, as the Espruino IDE's
"pretokenise" option does (~17% less flash), when the clip's Espruino is 2v26 or later (it says
which in its hello); else as text. The config, calibration and log stay (only .bootcde is
written).
  --repl               the clip is at the Espruino REPL, not running the firmware (an upload
                       was cut short, or the button was held at power-on): upload anyway
  --board B            which bundle to upload with --repl (pico, pico-w25q, puck)
  --plain              upload the code as text, not pretokenised (the clip's Espruino version
                       decides otherwise: text before 2v26)
${PORT_HELP}
${JSON_HELP}

Example: npx posture flash --port /tmp/clip`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, pin: { type: 'string' }, repl: { type: 'boolean' }, board: { type: 'string' }, plain: { type: 'boolean' } });
    if (positionals.length > 1) throw new UsageError('flash takes at most one FILE');
    const r = await flashCommand({
      cwd, port: values.port, file: positionals[0], pin: values.pin, repl: values.repl, board: values.board, plain: values.plain,
      onProgress: io.isTTY && !values.json ? (a, b) => io.err(`\ruploading ${Math.round((100 * a) / b)} % `) : undefined,
    });
    if (io.isTTY && !values.json) io.err('\n');
    if (values.json) printJson(io, flashOutput, flashJson(r));
    else io.out(`flashed ${r.file} (${r.sourceBytes} bytes${r.pretokenised ? `, ${r.bytes} pretokenised` : ' as text'}): ${r.before} -> ${r.version}, running\n`);
  },
};
