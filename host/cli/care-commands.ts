// Commands for looking after a clip: test the motor, silence alerts, factory reset.
import { resolve } from 'node:path';
import { buzzCommand } from '../commands/buzz/index';
import { resetCommand } from '../commands/reset/index';
import { parseMinutes, snoozeCommand, SNOOZE_MAX_MIN } from '../commands/snooze/index';
import { parseFlags } from './args';
import type { CommandDef } from './commands';
import { PORT_HELP } from './port-help';

export const buzz: CommandDef = {
  name: 'buzz',
  summary: 'play the motor test pattern at the prescribed strength (motor_pct), to check it is felt',
  help: `Usage: posture buzz [--port PATH] [--json]

Plays the clip's test pattern, three pulses of rising length (0.1, 0.2 and 0.4 s), at the
strength in force (motor_pct), in training and tracking mode alike, so the wearer and the
therapist can check that it is felt where the clip sits. The clip never runs the motor more than 5 s a minute: after a few buzzes in
a row it plays less, or nothing, until the minute is over.
${PORT_HELP}
  --json               {"ms","motorPct"}

Example: posture buzz --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' } }, false);
    const r = await buzzCommand({ port: values.port });
    if (values.json) return void io.out(JSON.stringify(r) + '\n');
    if (!r.ms) io.out("the motor's 5 s a minute are used up: nothing played; try again in a minute\n");
    else io.out(`buzzing: ${(r.ms / 1000).toFixed(1)} s of vibration at ${r.motorPct} % (change it with posture config set motor_pct=...)\n`);
  },
};

export const snooze: CommandDef = {
  name: 'snooze',
  summary: 'silence alerts for a while (as a press of the button); the clip keeps logging',
  help: `Usage: posture snooze [--min N] [--port PATH] [--json]

No buzz for N minutes (default: the prescription's snooze_min), as a press of the clip's button
does; it keeps sampling and logging, and logs the snooze. A press of the button while a pattern
plays stops the pattern.
  --min N              minutes, 1..${SNOOZE_MAX_MIN}
${PORT_HELP}
  --json               {"min","until"} (until: ms since 1970, this computer's clock)

Example: posture snooze --min 30 --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, min: { type: 'string' } }, false);
    const r = await snoozeCommand({ port: values.port, min: parseMinutes(values.min) });
    if (values.json) return void io.out(JSON.stringify(r) + '\n');
    const until = new Date(r.until).toTimeString().slice(0, 5);
    io.out(`alerts silenced for ${r.min} min (until ${until})\n`);
  },
};

export const reset: CommandDef = {
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
  --json               {"id","discarded","pulled"}

Example: posture reset --yes --pull --pin 2468 --archive study --port /tmp/clip`,
  async run(argv, io, cwd) {
    const { values } = parseFlags(argv, {
      port: { type: 'string' }, json: { type: 'boolean' }, yes: { type: 'boolean' }, pin: { type: 'string' },
      archive: { type: 'string' }, 'discard-log': { type: 'boolean' }, pull: { type: 'boolean' },
    }, false);
    const r = await resetCommand({
      port: values.port, yes: values.yes, pin: values.pin, archive: resolve(cwd, values.archive ?? 'posture-archive'), discardLog: values['discard-log'], pull: values.pull,
    });
    if (values.json) return void io.out(JSON.stringify(r) + '\n');
    if (r.pulled) io.out(`pulled ${r.pulled} record(s) into the archive first\n`);
    io.out(`clip ${r.id} reset: default prescription, no calibration, no lock, empty log${r.discarded ? ` (${r.discarded} records discarded unread)` : ''}\n`);
    io.out('next: posture calibrate, then posture config set ... or posture config import FILE\n');
  },
};
