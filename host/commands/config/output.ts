// `posture config ... --json`: field names as in the config table, values in their units, the
// enum fields (mode, ex_remind) by name, as the text shows them.
import { z } from 'zod';
import { Config, FIELDS } from '../../../shared/config';
import { ENUM_NAMES, FIELD_HELP } from '../../../shared/config-docs';

const fieldValue = (name: string) => {
  const f = FIELDS.find((x) => x.name === name)!;
  const v = ENUM_NAMES[name] ? z.enum(ENUM_NAMES[name] as [string, ...string[]]) : z.number().min(f.min).max(f.max);
  return v.describe(`${FIELD_HELP[name]}${f.unit === 'enum' ? '' : f.unit === 'hh:mm' ? ' (a time of day as hhmm: 930 is 9:30)' : ` (${f.unit})`}`);
};

/** Every field, or the one asked for. */
export const prescriptionOutput = z.object(Object.fromEntries(FIELDS.map((f) => [f.name, fieldValue(f.name).optional()])));

export const named = (c: Config): Record<string, number | string> =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, ENUM_NAMES[k]?.[v] ?? v]));

export const configSetOutput = z.object({
  changed: prescriptionOutput.describe('the fields written, each read back and verified'),
  prescription: prescriptionOutput.describe('the whole prescription on the clip afterwards'),
});

export const configImportOutput = z.object({
  changed: z.record(z.string(), z.object({ old: z.union([z.number(), z.string()]), new: z.union([z.number(), z.string()]) }))
    .describe('each field written, old and new value'),
  unchanged: z.array(z.string()).describe('fields the file gives that the clip already had'),
});

export const configExportOutput = z.object({
  path: z.string().describe('the prescription file written'),
  prescription: prescriptionOutput,
});

export function importJson(r: { changed: Record<string, { old: number; new: number }>; unchanged: string[] }): z.input<typeof configImportOutput> {
  const show = (k: string, v: number) => ENUM_NAMES[k]?.[v] ?? v;
  return { changed: Object.fromEntries(Object.entries(r.changed).map(([k, v]) => [k, { old: show(k, v.old), new: show(k, v.new) }])), unchanged: r.unchanged };
}
