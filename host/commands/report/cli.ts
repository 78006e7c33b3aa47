// `posture report`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { parseUtcOffset, reportCommand } from './index';
import { duration } from '../../report/html';
import { printJson } from '../../cli/json-output';
import { reportJson, reportOutput } from './output';

export const reportCli: CommandDef = {
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
  --json               print the report's numbers as JSON, documented in docs/json.md (writes
                       the HTML only with --out)
  --repair             first repair a damaged or torn archive (a copy of a damaged file is kept)

Example: npx posture report --archive clinic --from 2026-11-02 --to 2026-11-08 --out week.html`,
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
    if (values.json) printJson(io, reportOutput, reportJson(r.data));
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
