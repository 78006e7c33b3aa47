// `posture pull`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { pullCommand } from './index';
import { resolve } from 'node:path';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { printJson } from '../../cli/json-output';
import { pullJson, pullOutput } from './output';

export const pullCli: CommandDef = {
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
${JSON_HELP}

Example: npx posture pull --archive study --port /tmp/clip`,
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
    if (values.json) return void printJson(io, pullOutput, pullJson(r));
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
