// `posture reset`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { resolve } from 'node:path';
import { resetCommand } from './index';
import { printJson } from '../../cli/json-output';
import { resetJson, resetOutput } from './output';

export const resetCli: CommandDef = {
  name: 'reset',
  summary: 'factory reset: prescription, calibration, lock and log erased (pulls must be complete)',
  help: `Usage: posture reset --yes [--pin PIN] [--archive DIR] [--pull | --discard-log] [--port PATH] [--json]

Puts the clip back as it left the factory: the default prescription, no calibration, no lock,
both logs empty. The device id stays (its archive folder keeps its name) and so does the log's
numbering. It refuses while the clip holds records the archive lacks: pull first, or add --pull.
  --yes                required: the reset cannot be undone
  --pin PIN            the therapist PIN, when the clip is locked
  --archive DIR        the archive that must hold the clip's records (default ./posture-archive)
  --pull               pull the log into the archive first, in the same session, then reset
  --discard-log        erase the records the archive lacks, unread
${PORT_HELP}
${JSON_HELP}

Example: npx posture reset --yes --pull --pin 2468 --archive study --port /tmp/clip`,
  async run(argv, io, cwd) {
    const { values } = parseFlags(argv, {
      port: { type: 'string' }, json: { type: 'boolean' }, yes: { type: 'boolean' }, pin: { type: 'string' },
      archive: { type: 'string' }, 'discard-log': { type: 'boolean' }, pull: { type: 'boolean' },
    }, false);
    const r = await resetCommand({
      port: values.port, yes: values.yes, pin: values.pin, archive: resolve(cwd, values.archive ?? 'posture-archive'), discardLog: values['discard-log'], pull: values.pull,
    });
    if (values.json) return void printJson(io, resetOutput, resetJson(r));
    if (r.pulled) io.out(`pulled ${r.pulled} record(s) into the archive first\n`);
    io.out(`clip ${r.id} reset: default prescription, no calibration, no lock, empty log${r.discarded ? ` (${r.discarded} records discarded unread)` : ''}\n`);
    io.out('next: npx posture calibrate, then npx posture config set ... or npx posture config import FILE\n');
  },
};
