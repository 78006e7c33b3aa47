// `posture config`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { configHelp } from '../../cli/config-help';
import { FIELDS } from '../../../shared/config';
import { parseFlags, showValue } from '../../cli/args';
import { configGet, configSet } from './index';
import { unitAfter } from '../../../shared/config-docs';
import { configExport, configImport } from './prescription';
import { UsageError } from '../../cli/errors';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { printJson } from '../../cli/json-output';
import { configExportOutput, configImportOutput, configSetOutput, importJson, named, prescriptionOutput } from './output';

export const configCli: CommandDef = {
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
${JSON_HELP}

Names match in any case; mode takes coaching or tracking. An import writes only the fields that
differ from the clip's and names them.

Example: npx posture config set threshold_deg=20 alert_delay_s=60 --port /tmp/clip`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, pin: { type: 'string' }, force: { type: 'boolean' } });
    const [sub, ...rest] = positionals;
    if (sub === 'get') {
      if (rest.length > 1) throw new UsageError('config get takes at most one field name');
      const c = await configGet({ port: values.port, name: rest[0] });
      if (values.json) return void printJson(io, prescriptionOutput, named(c));
      for (const [k, v] of Object.entries(c)) {
        const f = FIELDS.find((x) => x.name === k)!;
        const unit = unitAfter(f.unit);
        io.out(`${k.padEnd(15)} ${showValue(k, v).padStart(8)} ${unit}${v !== f.def ? `   (default ${showValue(k, f.def)})` : ''}\n`.replace(/ +\n$/, '\n'));
      }
      return;
    }
    if (sub === 'set') {
      const r = await configSet({ port: values.port, assignments: rest, pin: values.pin });
      if (values.json) return void printJson(io, configSetOutput, { changed: named(r.changed), prescription: named(r.config) });
      for (const [k, v] of Object.entries(r.changed)) io.out(`${k} = ${showValue(k, v)} (written and verified)\n`);
      return;
    }
    if (sub === 'export' || sub === 'import') {
      if (rest.length !== 1) throw new UsageError(`config ${sub} needs one FILE`);
      if (sub === 'export') {
        const r = await configExport({ cwd, port: values.port, file: rest[0], force: values.force });
        if (values.json) return void printJson(io, configExportOutput, { path: r.path, prescription: named(r.config) });
        return void io.out(`prescription written to ${r.path}\n`);
      }
      const r = await configImport({ cwd, port: values.port, file: rest[0], pin: values.pin });
      if (values.json) return void printJson(io, configImportOutput, importJson(r));
      const changes = Object.entries(r.changed).map(([k, v]) => `${k} ${showValue(k, v.old)} → ${showValue(k, v.new)}`);
      io.out(changes.length
        ? `prescription applied: ${changes.join(', ')} (written and verified); ${r.unchanged.length} field(s) already as prescribed\n`
        : `the clip already has this prescription: nothing written\n`);
      return;
    }
    throw new UsageError('config needs get, set, export or import; see posture config --help');
  },
};
