// The command table: name, help, and a runner that parses flags, calls the command's
// function (which returns data) and prints it. Exit codes are decided in main.ts.
import { eventJson } from '../../shared/event-json';
import { FIELD_HELP } from '../../shared/config-docs';
import { FIELDS } from '../../shared/config';
import { CALIB_REASONS, EV_ALERT, EV_CALIB_REFUSED } from '../../shared/events';
import { replayCommand } from '../commands/replay/index';
import { SCENARIOS, simulateCommand } from '../commands/simulate/index';
import { parseFlags } from './args';
import { UsageError } from './errors';
import { fmtSeconds, Io } from './output';

export interface CommandDef {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: Io, cwd: string): Promise<void>;
}

const CALIB_TEXT: Record<string, string> = {
  moving: 'the wearer was moving: sit still and upright, then calibrate again',
  flat: 'the clip lies flat (not worn upright on the back)',
  gravity: 'the acceleration is not 1 g: check the sensor and its scale',
  no_data: 'no samples arrived during the window',
};

function configHelp(): string {
  return FIELDS.map((f) => `  ${f.name.padEnd(15)} ${String(f.def).padStart(5)} ${f.unit.padEnd(6)} ${f.min}..${f.max}  ${FIELD_HELP[f.name]}`).join('\n');
}

const replay: CommandDef = {
  name: 'replay',
  summary: 'run the posture core on a samples CSV and print its events',
  help: `Usage: posture replay <samples.csv> [--set name=value ...] [--calibrate START_MS-END_MS] [--json]
                      [--emit-script run.js]

Runs the same detector the clip runs over a recording and prints one event per line.
  --set name=value     change a setting (repeatable); fields, defaults and ranges:
${configHelp()}
  --calibrate A-B      upright calibration window in ms (default: the first 5 s of the file)
  --json               one JSON object per line, with t_ms and type ("alert" for a slouch prompt)
  --emit-script FILE   also write a self-contained script that runs this replay under node
                       or on the Espruino interpreter and prints the same JSON lines

Example: posture replay recording.csv --set threshold_deg=20 --set alert_delay_s=10`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, {
      set: { type: 'string', multiple: true },
      calibrate: { type: 'string' },
      json: { type: 'boolean' },
      'emit-script': { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('replay takes exactly one samples CSV file; see posture replay --help');
    const r = await replayCommand({
      cwd,
      file: positionals[0],
      set: values.set,
      calibrate: values.calibrate,
      emitScript: values['emit-script'],
    });
    if (r.staleDist) io.err('warning: firmware/dist is older than the source; run "npm run build" before flashing\n');
    if (r.clamped) io.err(`warning: ${r.clamped} values beyond +-4 g or the gyro range were clamped as the sensor would\n`);
    if (values.json) {
      for (const e of r.events) io.out(eventJson(e.type, e.t, e.a, e.b) + '\n');
      return;
    }
    const t0 = r.events.length ? Math.min(r.calibration.start, r.events[0].t) : 0;
    for (const e of r.events) {
      const o = JSON.parse(eventJson(e.type, e.t, e.a, e.b)) as Record<string, unknown>;
      const detail = Object.entries(o)
        .filter(([k]) => k !== 't_ms' && k !== 'type')
        .map(([k, v]) => (e.type === EV_CALIB_REFUSED && k === 'reason' ? `${k}=${CALIB_TEXT[String(v)] ?? v}` : `${k}=${v}`))
        .join(' ');
      io.out(`${fmtSeconds(e.t - t0)}  ${String(o.type).padEnd(13)} ${detail}\n`);
    }
    const alerts = r.events.filter((e) => e.type === EV_ALERT).length;
    io.out(`\n${r.samples} samples at ${r.rateHz.toFixed(1)} Hz, ${r.events.length} events, ${alerts} alerts\n`);
    if (r.scriptPath) io.out(`script written to ${r.scriptPath}\n`);
  },
};

const simulate: CommandDef = {
  name: 'simulate',
  summary: 'run a virtual clip (the real firmware bundle) on a pseudo-terminal',
  help: `Usage: posture simulate [--scenario office-day|slouch|walk|FILE.csv] [--speed N] [--link PATH]
                        [--storage FILE]

Starts the virtual device: the firmware bundle from firmware/dist in an emulation of the
Espruino API, with an MPU6050 model driven by a motion script, exposed on a pseudo-terminal
(socat) that any serial tool can open. Prints the tty path and runs until Ctrl-C.
  --scenario NAME|FILE  motion script (default office-day), or a samples CSV to play
  --speed N             virtual seconds per real second (default 1)
  --link PATH           where to create the tty link (default: a temporary folder)
  --storage FILE        the device's flash, kept across runs (default: a temporary file)

Example: posture simulate --speed 10 --link /tmp/clip`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, {
      scenario: { type: 'string' },
      speed: { type: 'string' },
      link: { type: 'string' },
      storage: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`simulate takes no positional arguments (got "${positionals[0]}")`);
    const speed = values.speed === undefined ? undefined : Number(values.speed);
    const sim = await simulateCommand({ cwd, scenario: values.scenario, speed, link: values.link, storage: values.storage });
    io.out(`virtual clip on ${sim.path}\nscenario ${sim.scenario} at ${sim.speed}x, flash in ${sim.storage}\nCtrl-C to stop\n`);
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await sim.stop();
    io.out('stopped\n');
  },
};

export const COMMANDS: CommandDef[] = [replay, simulate];
export { SCENARIOS };
export { CALIB_REASONS };
