// Prescription files: a therapist's settings as JSON, validated on the way in.
//   {"schema":"posture-prescription","version":1,"config":{...every field...},"device":"<id>","exported":"<ISO 8601>"}
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { FIELDS } from '../../../shared/config';
import { InputError } from '../../cli/errors';
import { configProblem } from '../../config-errors';
import { configGet, configSet } from './index';

const fieldSchemas = Object.fromEntries(FIELDS.map((f) => [f.name, z.number()])) as Record<string, z.ZodNumber>;
export const prescriptionSchema = z.strictObject({
  schema: z.literal('posture-prescription'),
  version: z.literal(1),
  config: z.strictObject(fieldSchemas).partial(),
  device: z.string().optional(),
  exported: z.string().optional(),
});

export async function configExport(o: { cwd: string; port?: string; file: string }) {
  const config = await configGet({ port: o.port });
  const doc = { schema: 'posture-prescription', version: 1, config, exported: new Date().toISOString() };
  const path = resolve(o.cwd, o.file);
  writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
  return { path, config };
}

export function readPrescription(path: string): Record<string, number> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path} is not a readable JSON file: ${(e as Error).message}`);
  }
  const r = prescriptionSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    if (issue.code === 'unrecognized_keys') throw new InputError(`${path}: unknown field(s) ${issue.keys.join(', ')} at ${issue.path.join('.') || 'top level'}`);
    throw new InputError(`${path}: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  const c = r.data.config as Record<string, number>;
  const full = Object.fromEntries(FIELDS.map((f) => [f.name, c[f.name] ?? f.def]));
  const err = configProblem(full);
  if (err) throw new InputError(`${path}: ${err}`);
  return c;
}

export async function configImport(o: { cwd: string; port?: string; file: string; pin?: string }) {
  const path = resolve(o.cwd, o.file);
  const c = readPrescription(path);
  return configSet({ port: o.port, pin: o.pin, assignments: Object.entries(c).map(([k, v]) => `${k}=${v}`) });
}
