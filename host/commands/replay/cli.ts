// `posture replay`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { configHelp } from '../../cli/config-help';
import { CALIB_TEXT } from '../calibrate/calib-text';
import { eventJson } from '../../../shared/event-json';
import { EV_ALERT, EV_CALIB_REFUSED, EV_CONFIG } from '../../../shared/events';
import { decodeConfigEvent, describeConfigChange } from '../../log/config-event';
import { configForRecording, loadRecording, parseCalibrate, replayCommand, replayCompare } from './index';
import { inclinationReport, inclinationSeries } from '../../metrics/from-recording';
import { defaultCalibration } from '../../replay/replay';
import { parseFlags } from '../../cli/args';
import { describeAction, takeAtFlags } from '../../replay/schedule';
import { describeViolation } from '../../log/grammar';
import { UsageError } from '../../cli/errors';
import { fmtSeconds } from '../../cli/output';
import { printJson } from '../../cli/json-output';
import { compareJson, metricsJson, replayCompareOutput, replayMetricsOutput } from './output';

export const replayCli: CommandDef = {
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
  --json               one JSON object per event line; with --metrics or --compare one object
                       (fields: docs/json.md)
  --emit-script FILE   also write a self-contained script that runs this replay under node
                       or on the Espruino interpreter and prints the same JSON lines
  --metrics            upper-back inclination metrics instead of events: P10/P50/P90, ISO 11226
                       bands, time above 20/30/45/60 deg, EVA bouts above 20 deg
  --compare SPEC       replay under every combination of the given values (repeatable) and
                       print alerts per hour, time to the first alert and upright % for each

Example: npx posture replay recording.csv --set threshold_deg=20 --set alert_delay_s=10
         npx posture replay recording.csv --at 10:00 threshold_deg=20 --at 20:00 snooze`,
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
    const specs = values.compare ? [...values.compare, ...positionals.filter((p) => /^[a-z_][a-z0-9_]*=/.test(p))] : [];
    const files = values.compare ? positionals.filter((p) => !/^[a-z_][a-z0-9_]*=/.test(p)) : positionals;
    if (files.length !== 1) throw new UsageError('replay takes exactly one samples CSV file; see posture replay --help');
    if (values.metrics) {
      const rec = loadRecording(cwd, files[0]);
      const { config } = configForRecording(rec, values.set);
      const cal = values.calibrate ? parseCalibrate(values.calibrate) : defaultCalibration(rec);
      const m = inclinationReport(inclinationSeries(rec, config, cal));
      if (values.json) return void printJson(io, replayMetricsOutput, metricsJson(m));
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
      if (values.json) return void printJson(io, replayCompareOutput, compareJson(c));
      const w = Math.max(8, ...c.rows.map((r) => r.set.join(' ').length));
      io.out(`${'settings'.padEnd(w)}  alerts/h  first alert (s)  upright %  exercise reps  sets\n`);
      for (const r of c.rows) {
        io.out(`${r.set.join(' ').padEnd(w)}  ${r.alertsPerHour.toFixed(1).padStart(8)}  ${(r.firstAlertS === null ? '-' : r.firstAlertS.toFixed(1)).padStart(15)}  ${(r.uprightPct === null ? '-' : r.uprightPct.toFixed(1)).padStart(9)}  ${String(r.exerciseReps).padStart(13)}  ${String(r.exerciseSets).padStart(4)}\n`);
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
