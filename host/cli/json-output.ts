// `--json` is a stable, documented output: every command prints through its own zod schema
// (host/commands/<name>/output.ts), so what leaves the process is exactly what docs/json.md
// describes. A value that does not fit is a bug in the command, caught by the tests.
import { z } from 'zod';
import { Io } from './output';

export function printJson<S extends z.ZodType>(io: Io, schema: S, value: z.input<S>): void {
  io.out(JSON.stringify(schema.parse(value)) + '\n');
}

/** Hex as the text output shows it (config hash, code CRC). */
export const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

export const iso = (ms: number): string => new Date(ms).toISOString();

/** A figure that may be undefined (nothing counted): NaN and infinities leave as null, as JSON prints them. */
export const figure = () => z.preprocess((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), z.number().nullable());
