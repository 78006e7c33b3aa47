// Flag parsing shared by every command: node's parseArgs in strict mode, with its errors
// turned into usage errors that name the flag.
import { parseArgs, ParseArgsConfig } from 'node:util';
import { Config, defaultConfig } from '../../shared/config';
import { configProblem, fieldProblem } from '../config-errors';
import { ENUM_NAMES, MODE_NAMES, showValue, TIME_FIELDS } from '../../shared/config-docs';

export { MODE_NAMES, showValue };
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends Options>(argv: string[], options: T, positionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true as const });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** A field's value as people write it: a number, or for an enum field its name ("training" is coaching's old name). */
export function fieldValue(name: string, text: string): number {
  if (TIME_FIELDS.includes(name)) {
    // 9:30, 09:30 or 930; none or 0 for no reminder.
    const t = text.trim().toLowerCase();
    if (t === 'none' || t === 'off') return 0;
    const m = /^(\d{1,2}):(\d{2})$/.exec(t);
    if (m) return Number(m[1]) * 100 + Number(m[2]);
  }
  const names = ENUM_NAMES[name];
  if (names) {
    const t = text.trim().toLowerCase();
    if (name === 'mode' && t === 'training') return 0;
    if (names.includes(t)) return names.indexOf(t);
  }
  return Number(text);
}

/**
 * Parses "name=value" assignments onto a config, with the field and its range in any error.
 * Names match whatever their case; a field given twice is refused (which one was meant?).
 */
export function applyAssignments(base: Config, assignments: string[], flag = '--set'): Config {
  const c: Config = { ...base };
  const seen = new Map<string, string>();
  for (const a of assignments) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.+)$/.exec(a);
    if (!m) throw new UsageError(`${flag} ${a}: expected name=value, for example threshold_deg=20`);
    const name = m[1].toLowerCase();
    const unknown = fieldProblem(name, 0).startsWith('unknown') ? fieldProblem(name, 0) : '';
    if (unknown) throw new UsageError(`${flag} ${a}: ${unknown}`);
    if (seen.has(name)) throw new UsageError(`${flag}: ${name} is given twice (${seen.get(name)} and ${m[2].trim()}): give it once`);
    seen.set(name, m[2].trim());
    const value = fieldValue(name, m[2]);
    if (!Number.isFinite(value)) {
      const want = TIME_FIELDS.includes(name) ? 'a time of day such as 9:30, or none' : ENUM_NAMES[name] ? `${ENUM_NAMES[name].join(' or ')} (or ${ENUM_NAMES[name].map((_, i) => i).join(' or ')})` : 'a number';
      throw new UsageError(`${flag} ${a}: ${name} must be ${want}, got "${m[2].trim()}"`);
    }
    const err = fieldProblem(name, value);
    if (err) throw new UsageError(`${flag} ${a}: ${err}`);
    c[name] = value;
  }
  const err = configProblem(c);
  if (err) throw new UsageError(`${flag}: ${err}`);
  return c;
}

/** The field names in assignments, lower-cased as applyAssignments reads them. */
export function assignedNames(assignments: string[]): string[] {
  return assignments.map((a) => a.split('=')[0].trim().toLowerCase());
}

export function configFrom(assignments: string[] | undefined): Config {
  return applyAssignments(defaultConfig(), assignments ?? []);
}
