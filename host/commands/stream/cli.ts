// `posture stream`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { eventJson } from '../../../shared/event-json';
import { EV_ALERT } from '../../../shared/events';
import { parseFlags } from '../../cli/args';
import { streamCommand } from './index';
import { PORT_HELP } from '../../cli/port-help';

const STATE_NAMES_ = ['uncalibrated', 'upright', 'slouch', 'moving', 'lying', 'off'];

export const streamCli: CommandDef = {
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
  --json               JSON lines even on a terminal (fields: docs/json.md)

Example: npx posture stream --duration 60 --csv session.csv --port /tmp/clip`,
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
