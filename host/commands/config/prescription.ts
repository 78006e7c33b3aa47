// Prescription files: a therapist's settings as JSON, validated on the way in.
//   {"schema":"posture-prescription","version":1,"config":{...every field...},"device":"<id>","exported":"<ISO 8601>"}
import { ENUM_NAMES, TIME_FIELDS } from '../../../shared/config-docs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { FIELDS } from '../../../shared/config';
import { fileProblem, InputError, UsageError } from '../../cli/errors';
import { fieldProblem } from '../../config-errors';
import { applyAssignments, assignedNames } from '../../cli/args';
import { configGet, configSet } from './index';

const fieldSchemas = Object.fromEntries(FIELDS.map((f) => [f.name, z.number()])) as Record<string, z.ZodNumber>;
export const prescriptionSchema = z.strictObject({
  schema: z.literal('posture-prescription'),
  version: z.literal(1),
  config: z.strictObject(fieldSchemas).partial(),
  device: z.string().optional(),
  exported: z.string().optional(),
});

export async function configExport(o: { cwd: string; port?: string; file: string; force?: boolean }) {
  const path = resolve(o.cwd, o.file);
  // Before asking the clip: a therapist's file is not overwritten by accident.
  if (existsSync(path) && !o.force) throw new UsageError(`${o.file} exists: add --force to overwrite it, or give another file name`);
  const config = await configGet({ port: o.port });
  const doc = { schema: 'posture-prescription', version: 1, config, exported: new Date().toISOString() };
  try {
    writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
  } catch (e) {
    throw new InputError(`cannot write ${o.file}: ${fileProblem(e, true)}`);
  }
  return { path, config };
}

/**
 * A prescription file's fields, checked in the words `config set` uses (field, value, range,
 * what to do), each problem naming the file.
 */
export function readPrescription(path: string, shown = path): Record<string, number> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${shown}: ${code === 'ENOENT' ? 'no such file (npx posture config export FILE writes one)' : fileProblem(e)}`);
  }
  return parsePrescription(text, shown);
}

/** A prescription file's text, checked as readPrescription says; shown names it in messages. */
export function parsePrescription(text: string, shown: string): Record<string, number> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${shown} is not JSON (${(e as Error).message}): a prescription file is what posture config export writes`);
  }
  const r = prescriptionSchema.safeParse(raw);
  if (!r.success) {
    const top = raw as { schema?: unknown; version?: unknown; config?: unknown } | null;
    if (!top || typeof top !== 'object' || top.schema !== 'posture-prescription') {
      throw new InputError(`${shown} is not a prescription file: its "schema" must be "posture-prescription" (npx posture config export writes one)`);
    }
    if (top.version !== 1) throw new InputError(`${shown} is a prescription of version ${JSON.stringify(top.version)}; this posture reads version 1`);
    if (!top.config || typeof top.config !== 'object') throw new InputError(`${shown} has no "config" object with the prescription's fields`);
    const extra = Object.keys(raw as object).filter((k) => !['schema', 'version', 'config', 'device', 'exported'].includes(k));
    if (extra.length) throw new InputError(`${shown}: unknown entr${extra.length > 1 ? 'ies' : 'y'} ${extra.map((k) => `"${k}"`).join(', ')} beside "config": remove ${extra.length > 1 ? 'them' : 'it'}`);
  }
  const entries = Object.entries((top(raw)?.config ?? {}) as Record<string, unknown>);
  const assignments: string[] = [];
  for (const [k, v] of entries) {
    if (typeof v !== 'number' && !((ENUM_NAMES[k] || TIME_FIELDS.includes(k)) && typeof v === 'string')) {
      if (fieldProblem(k, 0).startsWith('unknown')) throw new InputError(`${shown}: ${fieldProblem(k, 0)}`);
      throw new InputError(`${shown}: ${k} must be a number, got ${JSON.stringify(v)}`);
    }
    assignments.push(`${k}=${v}`);
  }
  let full: Record<string, number>;
  try {
    full = applyAssignments(Object.fromEntries(FIELDS.map((f) => [f.name, f.def])), assignments, shown);
  } catch (e) {
    // The words of `config set`; from a file, an input error.
    throw e instanceof UsageError ? new InputError(e.message) : e;
  }
  return Object.fromEntries(assignedNames(assignments).map((k) => [k, full[k]]));
}

const top = (raw: unknown) => (raw && typeof raw === 'object' ? (raw as { config?: unknown }) : null);

/** What an import did: the fields it changed (old and new), and those already as prescribed. */
export async function configImport(o: { cwd: string; port?: string; file: string; pin?: string }) {
  return applyPrescription(readPrescription(resolve(o.cwd, o.file), o.file), o);
}

/** Writes the fields of a checked prescription that differ from the clip's. */
export async function applyPrescription(c: Record<string, number>, o: { port?: string; pin?: string }) {
  const current = await configGet({ port: o.port });
  const differ = Object.keys(c).filter((k) => c[k] !== current[k]);
  const unchanged = Object.keys(current).filter((k) => !differ.includes(k));
  if (differ.length) await configSet({ port: o.port, pin: o.pin, assignments: differ.map((k) => `${k}=${c[k]}`) });
  return { changed: Object.fromEntries(differ.map((k) => [k, { old: current[k], new: c[k] }])), unchanged };
}
