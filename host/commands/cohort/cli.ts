// `posture cohort`: its flags, help and printing; the work is done in host/cohort/.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { printJson } from '../../cli/json-output';
import { JSON_HELP } from '../../cli/port-help';
import { cohortCommand } from '../../cohort/build';
import { cohortJson, cohortOutput } from './output';

export const cohortCli: CommandDef = {
  name: 'cohort',
  summary: 'many clips\' archives as one study: a Hive-partitioned Parquet dataset and a per-day summary',
  help: `Usage: posture cohort ARCHIVE... --out STUDY_DIR (--participants FILE | --keep-clip-ids) [--json]

Reads every clip in the archives and writes, in STUDY_DIR, one Parquet dataset per level
(minutes, hours, events, episodes) partitioned as level=L/participant=P/data.parquet, and
summary.csv: per participant and day, wear, upright share of still time, episodes, alerts and
the share answered; and cohort-report.html: data completeness, the spread across participants
and a participants x days heat-map. DuckDB, Spark, Polars and pandas read the dataset (docs/data-formats.md).
Running it again with more archives rewrites only those participants' partitions.
  --participants FILE  CSV with the header clip_id,participant_id: who wore which clip; the
                       dataset names participants, not clips
  --keep-clip-ids      name participants by their clip ids and keep a device_id column
  --out STUDY_DIR      the study folder (made if missing)
${JSON_HELP}

Example: npx posture cohort clinic-a clinic-b --participants participants.csv --out study`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, {
      out: { type: 'string' }, participants: { type: 'string' }, 'keep-clip-ids': { type: 'boolean' }, json: { type: 'boolean' },
    });
    // A study of hundreds of participants takes minutes: a progress line on a terminal.
    const onParticipant = io.isTTY && !values.json ? (done: number, total: number) => io.err(`\r${done} of ${total} participants written${done === total ? '\n' : ''}`) : undefined;
    const r = await cohortCommand({ cwd, archives: positionals, out: values.out ?? 'posture-study', participants: values.participants, keepClipIds: values['keep-clip-ids'], onParticipant });
    if (values.json) return void printJson(io, cohortOutput, cohortJson(r));
    io.out(`${r.participants.length} participant(s) written to ${r.study}:\n`);
    for (const p of r.participants) io.out(`  ${p.participant}: ${Object.entries(p.rows).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
    io.out(`summary: ${r.summaryRows} participant-days in ${r.summary}\nreport: ${r.report}\n`);
  },
};
