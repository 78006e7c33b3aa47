// Flag parsing shared by every command: node's parseArgs in strict mode, with its errors
// turned into usage errors that name the flag.
import { parseArgs, ParseArgsConfig } from 'node:util';
import { Config, defaultConfig } from '../../shared/config';
import { configProblem, fieldProblem } from '../config-errors';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends Options>(argv: string[], options: T, positionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true as const });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** Parses "name=value" assignments onto a config, with the field and its range in any error. */
export function applyAssignments(base: Config, assignments: string[], flag = '--set'): Config {
  const c: Config = { ...base };
  for (const a of assignments) {
    const m = /^([a-z_]+)=(.+)$/.exec(a.trim());
    if (!m) throw new UsageError(`${flag} ${a}: expected name=value, for example threshold_deg=20`);
    const unknown = fieldProblem(m[1], 0).startsWith('unknown') ? fieldProblem(m[1], 0) : '';
    if (unknown) throw new UsageError(`${flag} ${a}: ${unknown}`);
    const value = Number(m[2]);
    if (!Number.isFinite(value)) throw new UsageError(`${flag} ${a}: ${m[1]} must be a number, got "${m[2]}"`);
    const err = fieldProblem(m[1], value);
    if (err) throw new UsageError(`${flag} ${a}: ${err}`);
    c[m[1]] = value;
  }
  const err = configProblem(c);
  if (err) throw new UsageError(`${flag}: ${err}`);
  return c;
}

export function configFrom(assignments: string[] | undefined): Config {
  return applyAssignments(defaultConfig(), assignments ?? []);
}
