// datapackage.json beside every export: a Frictionless Tabular Data Package whose resources
// are the CSV files exported into that folder, each with its level's Table Schema, and the
// clips' firmware and prescription. Exporting several levels into one folder adds each as a
// resource of the same package.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileProblem, InputError } from '../cli/errors';
import { LEVEL_SCHEMAS, levelSchema, tableSchema } from './table-schemas';

interface Resource {
  name: string;
  path: string;
  [k: string]: unknown;
}

/** A level's references become foreign keys once the level they name is in the package too. */
function withForeignKeys(resources: Resource[]): Resource[] {
  return resources.map((r) => {
    const level = r['posture:level'];
    const schema = r.schema as Record<string, unknown> | undefined;
    if (typeof level !== 'string' || !schema || !LEVEL_SCHEMAS.some((l) => l.level === level)) return r;
    const keys = (levelSchema(level).references ?? []).flatMap((ref) => {
      const target = resources.find((t) => t['posture:level'] === ref.level);
      return target ? [{ fields: ref.fields, reference: { resource: target.name, fields: ref.referenceFields } }] : [];
    });
    const { foreignKeys: _old, ...rest } = schema;
    return { ...r, schema: keys.length ? { ...rest, foreignKeys: keys } : rest };
  });
}

export function writeDataPackage(out: string, level: string, clips: Record<string, unknown>): string {
  const file = join(dirname(out), 'datapackage.json');
  let pkg: { resources: Resource[]; clips?: Record<string, unknown>; [k: string]: unknown } = { resources: [] };
  if (existsSync(file)) {
    try {
      pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (!Array.isArray(pkg.resources)) pkg.resources = [];
    } catch {
      pkg = { resources: [] }; // not ours, or damaged: written anew
    }
  }
  const path = basename(out);
  const name = path.toLowerCase().replace(/\.csv$/, '').replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || level;
  const l = levelSchema(level);
  const resource: Resource = {
    name, path, profile: 'tabular-data-resource', title: l.title, description: `${l.row}.`, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', header: true },
    'posture:level': level,
    schema: tableSchema(level),
  };
  pkg = {
    profile: 'tabular-data-package',
    name: 'posture-coach-export',
    title: 'Posture Coach export',
    description: 'Upper-back posture logged by Posture Coach clips: column meanings, units and types in each resource\'s schema; docs/data-formats.md explains them.',
    ...pkg,
    created: new Date().toISOString(),
    resources: withForeignKeys([...pkg.resources.filter((r) => r.path !== path), resource]),
    clips: { ...(pkg.clips ?? {}), ...clips },
  };
  try {
    writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
  } catch (e) {
    throw new InputError(`cannot write ${file}: ${fileProblem(e, true)}`);
  }
  return file;
}
