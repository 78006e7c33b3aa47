// `posture export`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { JSON_HELP } from '../../cli/port-help';
import { parseFlags } from '../../cli/args';
import { exportCommand } from './index';
import { UsageError } from '../../cli/errors';
import { printJson } from '../../cli/json-output';
import { exportJson, exportOutput } from './output';

export const exportCli: CommandDef = {
  name: 'export',
  summary: 'the archive as research CSV (--level samples|minutes|hours|events|episodes|exercise), Parquet or ActiGraph CSV',
  help: `Usage: posture export --csv [--level samples|minutes|hours|events|episodes|exercise] [--archive DIR] [--device ID] [--out FILE]
       posture export --format parquet [--level L] [--archive DIR] [--device ID] [--out FILE]
       posture export --format actigraph --level samples [--hz N] [--archive DIR] [--device ID]
                      [--out FILE]

Writes one CSV per level (RFC 4180, CRLF, UTF-8; text cells that would start a spreadsheet
formula get a leading apostrophe), and datapackage.json in the same folder: a Frictionless Data
Package with each exported file's typed Table Schema and each clip's firmware and prescription
(several levels exported into one folder share it). Streams: memory stays flat.
--level samples reads the raw recordings filed in DIR/<id>/samples/ (posture stream --archive).
--format actigraph writes each recording as an ActiLife RAW CSV (10-line header, g), one file
per recording (OUT-<id>-<n>.csv), on a regular grid from a whole second (the Start Time is the
first row's), for GGIR, ActiPASS, actipy and agcounts. The column dictionary, the resampling
method and the recipes are in docs/data-formats.md.
  --level L            samples, minutes (default), hours (the hourly summaries, weeks back),
                       events, episodes (one row per slouch episode, counted as the report does),
                       or exercise (reminders, repetitions counted and sets of the exercise programme)
  --format F           csv (default, same as --csv), parquet (typed columns, UTC timestamps, the
                       schema and prescriptions in the file's metadata) or actigraph (samples only)
  --hz N               actigraph: resample to N Hz (default: the recording's rate); agcounts
                       takes 30 to 100 Hz in tens, so a 25 Hz clip needs --hz 30
  --archive DIR        default ./posture-archive
  --device ID          one device only
  --out FILE           default posture-<level>.csv
  --repair             first repair a damaged or torn archive (a copy of a damaged file is kept)
${JSON_HELP}

Example: npx posture export --csv --level minutes --archive study --out minutes.csv`,
  async run(argv, io, cwd) {
    const { values } = parseFlags(argv, {
      csv: { type: 'boolean' }, format: { type: 'string' }, level: { type: 'string' }, archive: { type: 'string' }, device: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
      repair: { type: 'boolean' }, hz: { type: 'string' },
    }, false);
    if (!values.csv && !values.format) throw new UsageError('export needs a format: --csv, --format parquet, or --format actigraph for raw samples');
    if (values.csv && values.format && values.format !== 'csv') throw new UsageError(`--csv and --format ${values.format} contradict each other: give one`);
    const level = values.level ?? (values.format === 'actigraph' ? 'samples' : 'minutes');
    const r = await exportCommand({ cwd, archive: values.archive ?? 'posture-archive', level, format: values.format ?? 'csv', out: values.out ?? `posture-${level}.${values.format === 'parquet' ? 'parquet' : 'csv'}`, device: values.device, repair: values.repair, hz: values.hz === undefined ? undefined : Number(values.hz) });
    for (const w of r.repairs ?? []) io.err(`repaired ${w}\n`);
    if (values.json) printJson(io, exportOutput, exportJson(r));
    else {
      io.out(`${r.rows} rows from ${r.devices.length} device(s) written to ${r.files.join(' and ')}\n`);
      if (r.unplaced) io.err(`warning: ${r.unplaced} samples have no time (no "# start:" line in their recording) and are not in the ActiGraph file\n`);
    }
  },
};
