// The command table: name, help, and a runner that parses flags, calls the command's
// function (which returns data) and prints it. Exit codes are decided in main.ts.
import { eventJson } from '../../shared/event-json';
import { FIELD_HELP } from '../../shared/config-docs';
import { FIELDS } from '../../shared/config';
import { CALIB_REASONS, EV_ALERT, EV_CALIB_REFUSED, EV_CONFIG } from '../../shared/events';
import { decodeConfigEvent, describeConfigChange } from '../log/config-event';
import { configForRecording, loadRecording, parseCalibrate, replayCommand, replayCompare } from '../commands/replay/index';
import { inclinationReport, inclinationSeries } from '../metrics/from-recording';
import { defaultCalibration } from '../replay/replay';
import { SCENARIOS, simulateCommand } from '../commands/simulate/index';
import { parseFlags, showValue } from './args';
import { describeAction, takeAtFlags } from '../replay/schedule';
import { describeViolation } from '../log/grammar';
import { listPorts } from '../commands/device';
import { infoCommand } from '../commands/info/index';
import { configGet, configSet } from '../commands/config/index';
import { lockCommand } from '../commands/lock/index';
import { calibrateCommand } from '../commands/calibrate/index';
import { clockCommand } from '../commands/clock/index';
import { streamCommand } from '../commands/stream/index';
import { pullCommand } from '../commands/pull/index';
import { flashCommand } from '../commands/flash/index';
import { exportCommand } from '../commands/export/index';
import { parseUtcOffset, reportCommand } from '../commands/report/index';
import { duration } from '../report/html';
import { configExport, configImport } from '../commands/config/prescription';
import { resolve } from 'node:path';
import { DeviceError, UsageError } from './errors';
import { fmtSeconds, Io } from './output';
import { PORT_HELP } from './port-help';
import { buzz, reset, snooze } from './care-commands';

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
  help: `Usage: posture replay <samples.csv> [--set name=value ...] [--at TIME CHANGE ...]
                      [--calibrate START_MS-END_MS] [--json] [--emit-script run.js]
                      [--compare name=v1,v2,... ...]

Runs the same detector the clip runs over a recording and prints one event per line.
  --set name=value     change a setting (repeatable); fields, defaults and ranges:
${configHelp()}
  --at TIME CHANGE     what a change at TIME would have done (repeatable). TIME counts from
                       the first sample: 10:00 (min:s), 1:10:00 (h:min:s, as the output
                       prints it), 90s, 10m or 1h30m. CHANGE: name=value[,name=value...],
                       snooze (snooze_min minutes), snooze=MIN, tracking, coaching, calibrate.
                       The episode, snooze and sitting time carry on, as on the clip.
  --calibrate A-B      upright calibration window in ms (default: the first 5 s of the file)
  --json               one JSON object per line, with t_ms and type ("alert" for a slouch prompt)
  --emit-script FILE   also write a self-contained script that runs this replay under node
                       or on the Espruino interpreter and prints the same JSON lines
  --metrics            upper-back inclination metrics instead of events: P10/P50/P90, ISO 11226
                       bands, time above 20/30/45/60 deg, EVA bouts above 20 deg
  --compare SPEC       replay under every combination of the given values (repeatable) and
                       print alerts per hour, time to the first alert and upright % for each

Examples: posture replay recording.csv --set threshold_deg=20 --set alert_delay_s=10
          posture replay recording.csv --at 10:00 threshold_deg=20 --at 20:00 snooze`,
  async run(argvIn, io, cwd) {
    const { rest: argv, at } = takeAtFlags(argvIn);
    const { values, positionals } = parseFlags(argv, {
      set: { type: 'string', multiple: true },
      calibrate: { type: 'string' },
      json: { type: 'boolean' },
      'emit-script': { type: 'string' },
      compare: { type: 'string', multiple: true },
      metrics: { type: 'boolean' },
    });
    // "--compare a=1,2 b=3,4": specs after the first may stand as plain arguments.
    const specs = values.compare ? [...values.compare, ...positionals.filter((p) => /^[a-z_]+=/.test(p))] : [];
    const files = values.compare ? positionals.filter((p) => !/^[a-z_]+=/.test(p)) : positionals;
    if (files.length !== 1) throw new UsageError('replay takes exactly one samples CSV file; see posture replay --help');
    if (values.metrics) {
      const rec = loadRecording(cwd, files[0]);
      const { config } = configForRecording(rec, values.set);
      const cal = values.calibrate ? parseCalibrate(values.calibrate) : defaultCalibration(rec);
      const m = inclinationReport(inclinationSeries(rec, config, cal));
      if (values.json) return void io.out(JSON.stringify(m) + '\n');
      const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
      io.out(`upper-back inclination vs calibrated upright, ${m.countedMin.toFixed(1)} min worn
  P10 ${f(m.p10)}  P50 ${f(m.p50)}  P90 ${f(m.p90)} deg
  ISO 11226 bands: leaning back ${f(m.bands.back)} %, 0-20 deg ${f(m.bands.acceptable)} %, 20-60 deg ${f(m.bands.conditional)} %, >60 deg ${f(m.bands.notAcceptable)} %
  time above ${m.above.map((a) => `${a.angle} deg: ${f(a.pct)} %`).join(', ')}
  EVA, bouts above ${m.eva.angle} deg: ${m.eva.bins.filter((b) => b.count).map((b) => `${b.label} x${b.count} (${b.seconds.toFixed(0)} s)`).join(', ') || 'none'}
`);
      return;
    }
    if (values.compare) {
      const c = replayCompare({ cwd, file: files[0], set: values.set, calibrate: values.calibrate, compare: specs, at });
      if (values.json) return void io.out(JSON.stringify(c) + '\n');
      const w = Math.max(8, ...c.rows.map((r) => r.set.join(' ').length));
      io.out(`${'settings'.padEnd(w)}  alerts/h  first alert (s)  upright %\n`);
      for (const r of c.rows) {
        io.out(`${r.set.join(' ').padEnd(w)}  ${r.alertsPerHour.toFixed(1).padStart(8)}  ${(r.firstAlertS === null ? '-' : r.firstAlertS.toFixed(1)).padStart(15)}  ${(r.uprightPct === null ? '-' : r.uprightPct.toFixed(1)).padStart(9)}\n`);
      }
      io.out(`\n${c.samples} samples, ${(c.hours * 60).toFixed(1)} min; each row is what the clip would have done\n`);
      return;
    }
    const r = await replayCommand({
      cwd,
      file: positionals[0],
      set: values.set,
      calibrate: values.calibrate,
      emitScript: values['emit-script'],
      at,
    });
    for (const v of r.violations) io.err(`warning: the event stream breaks its grammar at ${describeViolation(v)}\n`);
    if (r.staleDist) io.err('warning: firmware/dist is older than the source; run "npm run build" before flashing\n');
    if (r.clamped) io.err(`warning: ${r.clamped} values beyond +-4 g or the gyro range were clamped as the sensor would\n`);
    if (values.json) {
      for (const e of r.events) io.out(eventJson(e.type, e.t, e.a, e.b) + '\n');
      return;
    }
    const t0 = r.events.length ? Math.min(r.calibration.start, r.events[0].t) : 0;
    for (const e of r.events) {
      const o = JSON.parse(eventJson(e.type, e.t, e.a, e.b)) as Record<string, unknown>;
      const detail = e.type === EV_CONFIG ? describeConfigChange(decodeConfigEvent(e.a, e.b)) : Object.entries(o)
        .filter(([k]) => k !== 't_ms' && k !== 'type')
        .map(([k, v]) => (e.type === EV_CALIB_REFUSED && k === 'reason' ? `${k}=${CALIB_TEXT[String(v)] ?? v}` : `${k}=${v}`))
        .join(' ');
      io.out(`${fmtSeconds(e.t - t0)}  ${String(o.type).padEnd(13)} ${detail}\n`);
    }
    const alerts = r.events.filter((e) => e.type === EV_ALERT).length;
    if (r.schedule.length) io.out(`\nschedule: ${r.schedule.map((s) => `${fmtSeconds(s.atMs)} ${describeAction(s.action)}`).join('; ')}`);
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
    const sim = await simulateCommand({ cwd, scenario: values.scenario, speed, link: values.link, storage: values.storage, say: (l) => io.err(l) });
    io.out(`virtual clip on ${sim.path}\nscenario ${sim.scenario} at ${sim.speed}x, flash ${sim.storage ? `in ${sim.storage}` : 'in memory (gone at stop; --storage FILE keeps it)'}\nCtrl-C to stop\n`);
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
      process.once('SIGHUP', done); // the terminal closed
    });
    await sim.stop();
    io.out('stopped\n');
  },
};

const STATE_NAMES_ = ['uncalibrated', 'upright', 'slouch', 'moving', 'lying', 'off'];

const ports: CommandDef = {
  name: 'ports',
  summary: 'list serial ports and mark the ones that look like Espruino boards',
  help: `Usage: posture ports [--json]

Lists serial ports (USB VID/PID 0483:5740 marks an Espruino Pico). Pseudo-terminals such as the
one "posture simulate" makes are not listed: give their path with --port.

Example: posture ports`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } }, false);
    const list = await listPorts();
    if (values.json) return void io.out(JSON.stringify(list) + '\n');
    if (!list.length) return void io.out('no serial ports found\n');
    for (const p of list) io.out(`${p.espruino ? '*' : ' '} ${p.path}  ${p.manufacturer ?? ''} ${p.vendorId ?? ''}:${p.productId ?? ''}\n`);
  },
};

const info: CommandDef = {
  name: 'info',
  summary: 'firmware, board, IMU, battery, clock drift, config hash, log status, lock',
  help: `Usage: posture info [--port PATH] [--json]

${PORT_HELP}
  --json               machine-readable output

Example: posture info --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' } }, false);
    const r = await infoCommand({ port: values.port });
    if (values.json) return void io.out(JSON.stringify(r) + '\n');
    const h = r.hello;
    io.out(`port        ${r.port}
firmware    ${h.fw} (protocol ${h.proto})${h.code ? `, code CRC-32 ${h.code.toString(16).padStart(8, '0')}` : ''}${h.esp ? `, on Espruino ${h.esp}` : ''}
board       ${h.board}, IMU ${h.imu}
battery     ${h.bat} %
clock       ${h.clockSet ? `set, ${(r.driftMs / 1000).toFixed(1)} s from this computer` : 'not set'}
config      hash ${h.cfgHash.toString(16).padStart(8, '0')}${h.locked ? ', locked by a PIN' : ''}
log         ${ringLine(h.log)}
${h.hrs ? `hourly log  ${ringLine(h.hrs)}\n` : ''}`);
    for (const w of r.warnings) io.err(`warning: ${w}\n`);
  },
};

function ringLine(l: { nextSeq: number; firstSeq: number; bytes: number; capacity: number; dropped: number; lost?: number }): string {
  const span = l.nextSeq > l.firstSeq ? ` (${l.firstSeq}..${l.nextSeq - 1})` : '';
  const n = l.nextSeq - l.firstSeq;
  return `${n} record${n === 1 ? '' : 's'}${span}, ${l.bytes} of ${l.capacity} bytes, ${l.dropped} dropped${l.lost ? `, ${l.lost} lost (Storage full)` : ''}`;
}

const config: CommandDef = {
  name: 'config',
  summary: 'read or change the prescription: config get [name] | config set name=value ...',
  help: `Usage: posture config get [name] [--port PATH] [--json]
       posture config set name=value ... [--pin PIN] [--port PATH] [--json]
       posture config export FILE [--force] | import FILE [--pin PIN] [--port PATH]

Prescription files are JSON: {"schema":"posture-prescription","version":1,"config":{...}}; an
import refuses unknown fields by name, a wrong schema or version, and any invalid value.

A set is checked against the field table (names, units, ranges, hysteresis below threshold),
written, read back and verified. Fields, defaults and ranges:
${configHelp()}
${PORT_HELP}
  --pin PIN            the therapist PIN when the clip is locked
  --force              export: overwrite FILE if it exists

Names match in any case; mode takes coaching or tracking. An import writes only the fields that
differ from the clip's and names them.

Example: posture config set threshold_deg=20 alert_delay_s=60 --port /tmp/clip`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, pin: { type: 'string' }, force: { type: 'boolean' } });
    const [sub, ...rest] = positionals;
    if (sub === 'get') {
      if (rest.length > 1) throw new UsageError('config get takes at most one field name');
      const c = await configGet({ port: values.port, name: rest[0] });
      if (values.json) return void io.out(JSON.stringify(c) + '\n');
      for (const [k, v] of Object.entries(c)) {
        const f = FIELDS.find((x) => x.name === k)!;
        const unit = f.unit === 'enum' ? '' : f.unit;
        io.out(`${k.padEnd(15)} ${showValue(k, v).padStart(8)} ${unit}${v !== f.def ? `   (default ${showValue(k, f.def)})` : ''}\n`.replace(/ +\n$/, '\n'));
      }
      return;
    }
    if (sub === 'set') {
      const r = await configSet({ port: values.port, assignments: rest, pin: values.pin });
      if (values.json) return void io.out(JSON.stringify(r) + '\n');
      for (const [k, v] of Object.entries(r.changed)) io.out(`${k} = ${showValue(k, v)} (written and verified)\n`);
      return;
    }
    if (sub === 'export' || sub === 'import') {
      if (rest.length !== 1) throw new UsageError(`config ${sub} needs one FILE`);
      if (sub === 'export') {
        const r = await configExport({ cwd, port: values.port, file: rest[0], force: values.force });
        return void io.out(values.json ? JSON.stringify(r) + '\n' : `prescription written to ${r.path}\n`);
      }
      const r = await configImport({ cwd, port: values.port, file: rest[0], pin: values.pin });
      if (values.json) return void io.out(JSON.stringify(r) + '\n');
      const changes = Object.entries(r.changed).map(([k, v]) => `${k} ${showValue(k, v.old)} → ${showValue(k, v.new)}`);
      io.out(changes.length
        ? `prescription applied: ${changes.join(', ')} (written and verified); ${r.unchanged.length} field(s) already as prescribed\n`
        : `the clip already has this prescription: nothing written\n`);
      return;
    }
    throw new UsageError('config needs get, set, export or import; see posture config --help');
  },
};

const lockDef = (unlock: boolean): CommandDef => ({
  name: unlock ? 'unlock' : 'lock',
  summary: unlock ? 'remove the therapist lock (needs its PIN)' : 'lock the prescription with a therapist PIN',
  help: `Usage: posture ${unlock ? 'unlock --pin PIN' : 'lock --pin PIN [--old PIN]'} [--port PATH]

${unlock ? 'Removes the lock; the PIN must be the one the therapist set.' : `Locks the prescription: while locked, config changes, mode changes, firmware uploads and a
factory reset need the PIN (--pin on each of those commands). A PIN is 4 to 8 digits.
  --pin PIN            the new PIN
  --old PIN            the current PIN, to change the PIN of a clip that is already locked`}
${PORT_HELP}

Example: posture ${unlock ? 'unlock' : 'lock'} --pin 2468 --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, pin: { type: 'string' }, old: { type: 'string' }, json: { type: 'boolean' } }, false);
    const r = await lockCommand({ port: values.port, pin: values.pin, old: values.old, unlock });
    io.out(values.json ? JSON.stringify(r) + '\n' : r.locked ? 'locked\n' : 'unlocked\n');
  },
});

const calibrate: CommandDef = {
  name: 'calibrate',
  summary: 'take the upright reference (the wearer sits upright and still)',
  help: `Usage: posture calibrate [--port PATH] [--json] [--now]

Asks the wearer to sit upright, counts down 3 s (skip with --now), and reports the reference or
the clip's reason for refusing (exit code 1).
${PORT_HELP}

Example: posture calibrate --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, now: { type: 'boolean' } }, false);
    if (!values.json) io.out('Sit upright and still, looking ahead.\n');
    const r = await calibrateCommand({ port: values.port, countdown: values.now ? undefined : (n) => !values.json && io.out(`${n}...\n`) });
    if (values.json) io.out(JSON.stringify(r) + '\n');
    else if (r.ok) io.out(`calibrated: the upper back is ${r.sagittalRefDeg} deg from vertical when upright\n`);
    if (!r.ok) throw new DeviceError(`calibration refused: ${CALIB_TEXT[r.reason!] ?? r.reason}`);
  },
};

const clock: CommandDef = {
  name: 'clock',
  summary: "show the clip's clock drift; --set syncs it to this computer",
  help: `Usage: posture clock [--set] [--port PATH] [--json]

${PORT_HELP}
  --set                set the clip's clock from this computer (records before it are flagged)

Example: posture clock --set --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, set: { type: 'boolean' } }, false);
    const r = await clockCommand({ port: values.port, set: values.set });
    if (values.json) return void io.out(JSON.stringify(r) + '\n');
    const before = r.wasSet ? `drift ${(r.driftMs / 1000).toFixed(1)} s` : 'the clip\'s clock was never set';
    io.out(r.setTo ? `${before}; now set to ${new Date(r.setTo).toISOString()}\n` : r.wasSet ? `${before}\n` : `${before}: use --set\n`);
    if (r.wasSet && !r.setTo && Math.abs(r.driftMs) > 2000) io.err('warning: more than 2 s off: run "posture clock --set"\n');
  },
};

const stream: CommandDef = {
  name: 'stream',
  summary: 'live flexion, lateral lean, state and motion; NDJSON when piped; --csv records raw samples',
  help: `Usage: posture stream [--duration S] [--hz N] [--csv FILE] [--json] [--port PATH]

On a terminal, one line redrawn in place with a sparkline of the last minute's flexion (0-40 deg),
and alerts as they happen; piped or with --json, one
JSON object per line: {"t_ms","flexion_deg","lateral_deg","state","motion_mg"} per 0.4 s, and
{"t_ms","type",...} for events. The angles are null (a dash) until the clip is calibrated.
Ctrl-C stops cleanly and closes the CSV file.
  --duration S         stop after S seconds
  --hz N               raw sample rate for --csv, 1..50 (default 25)
  --csv FILE           raw samples in the samples CSV format (readable by posture replay)
  --archive DIR        file the raw samples in DIR/<id>/samples/ instead, for posture report
                       and posture export --level samples
${PORT_HELP}

Example: posture stream --duration 60 --csv session.csv --port /tmp/clip`,
  async run(argv, io, cwd) {
    const { values } = parseFlags(argv, {
      port: { type: 'string' }, json: { type: 'boolean' }, duration: { type: 'string' }, hz: { type: 'string' }, csv: { type: 'string' },
      archive: { type: 'string' },
    }, false);
    const json = values.json || !io.isTTY;
    let toldUncal = false;
    const last: number[] = []; // flexion over the last minute (150 blocks), for the sparkline
    const bars = ' ▁▂▃▄▅▆▇█';
    const spark = () => last.filter((_, i) => i % 3 === 0).map((f) => bars[Math.max(0, Math.min(8, Math.round(f / 50)))]).join('');
    const stop = new Promise<void>((r) => process.once('SIGINT', () => r()));
    const r = await streamCommand({
      cwd,
      port: values.port,
      durationS: values.duration === undefined ? undefined : Number(values.duration),
      hz: values.hz === undefined ? undefined : Number(values.hz),
      csv: values.csv,
      archive: values.archive,
      stop,
      onSample: (s) => {
        // Angles are measured from the calibrated upright: before a calibration they mean nothing.
        const uncal = s.state === 0;
        if (uncal && !toldUncal) {
          toldUncal = true;
          io.err(`the clip is not calibrated: its angles mean nothing yet. Have the wearer sit upright and still, then run "npx posture calibrate"\n`);
        }
        if (json) io.out(JSON.stringify({ t_ms: s.t, flexion_deg: uncal ? null : s.flex / 10, lateral_deg: uncal ? null : s.lat / 10, state: STATE_NAMES_[s.state], motion_mg: s.motion }) + '\n');
        else {
          last.push(s.flex);
          if (last.length > 150) last.shift();
          const deg = (v: number) => (uncal ? '     -' : (v / 10).toFixed(1).padStart(6));
          io.out(`\r flexion ${deg(s.flex)} deg  lateral ${deg(s.lat)} deg  ${STATE_NAMES_[s.state].padEnd(12)} motion ${String(s.motion).padStart(4)} mg  ${spark()} `);
        }
      },
      onEvent: (e) => {
        const line = eventJson(e.type, e.t, e.a, e.b);
        if (json) io.out(line + '\n');
        else if (e.type === EV_ALERT) io.out(`\n ALERT level ${e.a}\n`);
      },
    });
    if (!json) io.out('\n');
    io.err(`${r.samples} block samples, ${r.raw} raw samples${r.csv ? `, written to ${r.csv}` : ''}\n`);
  },
};

const pull: CommandDef = {
  name: 'pull',
  summary: 'download new log records into a local archive (append-only, resumable)',
  help: `Usage: posture pull [--archive DIR] [--erase] [--port PATH] [--json]

Downloads the records the archive does not hold yet into DIR/<device id>/records.bin (minutes
and events) and DIR/<device id>/hours.bin (hourly summaries, kept on the clip for ~2 weeks),
checking every CRC and the sequence numbers, and reports gaps, torn records and records the clip
dropped when its flash was full. Pulling twice adds nothing; an interrupted pull is completed by
the next.
  --archive DIR        the archive folder (default ./posture-archive)
  --erase              afterwards, free the clip's flash up to what the archive holds
${PORT_HELP}

Example: posture pull --archive study --port /tmp/clip`,
  async run(argv, io, cwd) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, archive: { type: 'string' }, erase: { type: 'boolean' } }, false);
    const t0 = Date.now();
    const r = await pullCommand({
      port: values.port,
      archive: resolve(cwd, values.archive ?? 'posture-archive'),
      erase: values.erase,
      onProgress: io.isTTY && !values.json
        ? (p, total) => {
            const rate = p.records / Math.max(0.001, (Date.now() - t0) / 1000);
            const eta = rate > 0 ? Math.max(0, (total - p.records) / rate) : 0;
            const w = 30, done = total ? Math.min(w, Math.round((p.records / total) * w)) : w;
            io.err(`\r[${'#'.repeat(done)}${'.'.repeat(w - done)}] ${p.records}/${total} records, ${p.bytes} bytes, ETA ${eta.toFixed(0)} s `);
          }
        : undefined,
    });
    if (io.isTTY && !values.json) io.err('\n');
    for (const w of r.warnings) io.err(`warning: ${w}\n`);
    if (values.json) return void io.out(JSON.stringify(r) + '\n');
    io.out(`device ${r.id}: ${r.added} new records, ${r.total} in ${r.dir}\n`);
    if (r.gaps.length) io.out(`gaps (records lost before they were pulled): ${r.gaps.map(([a, b]) => `${a}..${b}`).join(', ')}\n`);
    if (r.torn) io.out(`torn records (power cut while writing): ${r.torn}\n`);
    if (r.dropped) io.out(`records the clip dropped when its flash was full: ${r.dropped}\n`);
    if (r.hours) {
      io.out(`hourly summaries: ${r.hours.added} new, ${r.hours.total} held${r.hours.gaps.length ? `, gaps ${r.hours.gaps.map(([a, b]) => `${a}..${b}`).join(', ')}` : ''}${r.hours.torn ? `, ${r.hours.torn} torn` : ''}${r.hours.dropped ? `, ${r.hours.dropped} dropped on the clip` : ''}\n`);
    }
    if (values.erase) io.out(`erased ${r.erasedFiles} log file(s)${r.hours ? ` and ${r.hours.erasedFiles} hourly file(s)` : ''} on the clip\n`);
  },
};

const flash: CommandDef = {
  name: 'flash',
  summary: 'upload firmware (firmware/dist or FILE) through the REPL, reboot, verify the version',
  help: `Usage: posture flash [FILE] [--pin PIN] [--plain] [--port PATH] [--json]
       posture flash --repl [FILE | --board pico|puck] [--plain] [--port PATH]

Uploads the board's bundle from firmware/dist (or FILE) the way Espruino's tools do, reboots the
clip into it and checks the version and the CRC-32 of the code it runs. Refuses a file that
fails the Espruino syntax gate. The code is stored pretokenised, as the Espruino IDE's
"pretokenise" option does (~17% less flash), when the clip's Espruino is 2v26 or later (it says
which in its hello); else as text. The config, calibration and log stay (only .bootcde is
written).
  --repl               the clip is at the Espruino REPL, not running the firmware (an upload
                       was cut short, or the button was held at power-on): upload anyway
  --board B            which bundle to upload with --repl (pico, puck)
  --plain              upload the code as text, not pretokenised (the clip's Espruino version
                       decides otherwise: text before 2v26)
${PORT_HELP}

Example: posture flash --port /tmp/clip`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, pin: { type: 'string' }, repl: { type: 'boolean' }, board: { type: 'string' }, plain: { type: 'boolean' } });
    if (positionals.length > 1) throw new UsageError('flash takes at most one FILE');
    const r = await flashCommand({
      cwd, port: values.port, file: positionals[0], pin: values.pin, repl: values.repl, board: values.board, plain: values.plain,
      onProgress: io.isTTY && !values.json ? (a, b) => io.err(`\ruploading ${Math.round((100 * a) / b)} % `) : undefined,
    });
    if (io.isTTY && !values.json) io.err('\n');
    io.out(values.json ? JSON.stringify(r) + '\n' : `flashed ${r.file} (${r.sourceBytes} bytes${r.pretokenised ? `, ${r.bytes} pretokenised` : ' as text'}): ${r.before} -> ${r.version}, running\n`);
  },
};

const exportDef: CommandDef = {
  name: 'export',
  summary: 'the archive as research CSV (--level samples|minutes|hours|events|episodes) or ActiGraph CSV',
  help: `Usage: posture export --csv [--level samples|minutes|hours|events|episodes] [--archive DIR] [--device ID] [--out FILE]
       posture export --format actigraph --level samples [--archive DIR] [--device ID] [--out FILE]

Writes one CSV per level (RFC 4180, CRLF, UTF-8; text cells that would start a spreadsheet
formula get a leading apostrophe), plus FILE.json with the columns, the device ids, firmware,
board, config hash and prescription of each device's latest pull. Streams: memory stays flat.
--level samples reads the raw recordings filed in DIR/<id>/samples/ (posture stream --archive).
--format actigraph writes each recording as an ActiLife-style RAW CSV (10-line header, g),
one file per recording (OUT-<id>-<n>.csv), for GGIR and ActiPASS. The column dictionary and
what the ActiGraph layout approximates are in docs/data-formats.md.
  --level L            samples, minutes (default), hours (the hourly summaries, ~2 weeks a pull),
                       events, or episodes (one row per slouch episode, counted as the report does)
  --format F           csv (default, same as --csv) or actigraph (samples only)
  --archive DIR        default ./posture-archive
  --device ID          one device only
  --out FILE           default posture-<level>.csv
  --repair             first repair a damaged or torn archive (a copy of a damaged file is kept)

Example: posture export --csv --level minutes --archive study --out minutes.csv`,
  async run(argv, io, cwd) {
    const { values } = parseFlags(argv, {
      csv: { type: 'boolean' }, format: { type: 'string' }, level: { type: 'string' }, archive: { type: 'string' }, device: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
      repair: { type: 'boolean' },
    }, false);
    if (!values.csv && !values.format) throw new UsageError('export needs a format: --csv, or --format actigraph for raw samples');
    if (values.csv && values.format && values.format !== 'csv') throw new UsageError(`--csv and --format ${values.format} contradict each other: give one`);
    const level = values.level ?? (values.format === 'actigraph' ? 'samples' : 'minutes');
    const r = await exportCommand({ cwd, archive: values.archive ?? 'posture-archive', level, format: values.format ?? 'csv', out: values.out ?? `posture-${level}.csv`, device: values.device, repair: values.repair });
    for (const w of r.repairs ?? []) io.err(`repaired ${w}\n`);
    if (values.json) io.out(JSON.stringify(r) + '\n');
    else {
      io.out(`${r.rows} rows from ${r.devices.length} device(s) written to ${r.files.join(' and ')}\n`);
      if (r.unplaced) io.err(`warning: ${r.unplaced} samples have no time (no "# start:" line in their recording) and are not in the ActiGraph file\n`);
    }
  },
};

const report: CommandDef = {
  name: 'report',
  summary: 'the archive as an HTML report for the therapist and the wearer (or --json)',
  help: `Usage: posture report [--archive DIR] [--device ID] [--from WHEN] [--to WHEN] [--out FILE] [--json]

Writes one self-contained HTML file (inline SVG charts, no network, prints on A4): a summary
for the wearer, the key figures, a timeline of each day by state with the alerts, upright %
per hour of day, the trend across days, the upper-back inclination histogram over the ISO
11226 bands, slouch episodes by length (EVA), and the prescription with its changes. Raw
recordings filed in DIR/<id>/samples/*.csv add samples-based inclination and EVA figures.
  --archive DIR        default ./posture-archive
  --device ID          one clip only (default: every clip in the archive)
  --from WHEN          a day (2026-11-02) or an ISO 8601 time; records before it are left out
  --to WHEN            a day (inclusive) or an ISO 8601 time (exclusive)
  --utc-offset +HH:MM  the clock for hours and days (default: this computer's time zone)
  --out FILE           default posture-report.html
  --json               print the report's numbers as JSON (writes the HTML only with --out)
  --repair             first repair a damaged or torn archive (a copy of a damaged file is kept)

Example: posture report --archive clinic --from 2026-11-02 --to 2026-11-08 --out week.html`,
  async run(argv, io, cwd) {
    const { values } = parseFlags(argv, {
      archive: { type: 'string' }, device: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      'utc-offset': { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, repair: { type: 'boolean' },
    }, false);
    const utcOffsetMin = values['utc-offset'] !== undefined ? parseUtcOffset(values['utc-offset']) : -new Date().getTimezoneOffset();
    const out = values.out ?? (values.json ? null : 'posture-report.html');
    const r = await reportCommand({ cwd, archive: values.archive ?? 'posture-archive', device: values.device, from: values.from, to: values.to, out, utcOffsetMin, repair: values.repair });
    for (const w of r.repairs) io.err(`repaired ${w}\n`);
    for (const d of r.data.devices) {
      if (d.grammar.violations) io.err(`warning: clip ${d.id}: ${d.grammar.violations} event(s) in its log break the event grammar (see docs/events.md), first: ${d.grammar.first[0]}\n`);
    }
    if (values.json) io.out(JSON.stringify(r.data) + '\n');
    else {
      for (const d of r.data.devices) {
        const m = d.metrics;
        io.out(`clip ${d.id}: ${d.period.days} day(s), worn ${duration(m.wornMin)}, upright ${m.uprightPct === null ? '-' : m.uprightPct.toFixed(0) + ' %'}, ${m.alerts.count} alerts, ${m.episodes.count} slouch episodes\n`);
        const h = d.history;
        if (h.hoursFromSummaries) {
          const worn = h.days.reduce((a, x) => a + x.wornMin, 0);
          io.out(`  with the hourly summaries: ${h.days.length} day(s), worn ${duration(worn)} (${h.hoursFromSummaries} hour(s) from summaries alone)\n`);
        }
      }
      io.out(`report written to ${r.out}\n`);
    }
  },
};

export const COMMANDS: CommandDef[] = [
  ports, info, config, calibrate, clock, lockDef(false), lockDef(true), buzz, snooze, reset, stream, pull, flash, exportDef, report, replay, simulate,
];
export { SCENARIOS };
export { CALIB_REASONS };
