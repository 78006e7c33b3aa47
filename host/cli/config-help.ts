// The configuration table as help text, for the commands that take settings.
import { ENUM_NAMES, FIELD_HELP, showValue, TIME_FIELDS } from '../../shared/config-docs';
import { FIELDS } from '../../shared/config';

export function configHelp(): string {
  const rangeOf = (f: (typeof FIELDS)[number]) =>
    f.unit === 'enum' && ENUM_NAMES[f.name] ? ENUM_NAMES[f.name].join('|') : TIME_FIELDS.includes(f.name) ? 'H:MM|none' : `${f.min}..${f.max}`;
  // Columns as wide as their longest entry, so every row lines up.
  const nameW = Math.max(...FIELDS.map((f) => f.name.length));
  const rangeW = Math.max(...FIELDS.map((f) => rangeOf(f).length));
  return FIELDS.map((f) => {
    const enumField = f.unit === 'enum';
    const help = f.name === 'mode' ? 'coaching: alerts buzz; tracking: alerts are only recorded' : FIELD_HELP[f.name];
    return `  ${f.name.padEnd(nameW)} ${showValue(f.name, f.def).padStart(11)} ${enumField ? '      ' : f.unit.padEnd(6)} ${rangeOf(f).padEnd(rangeW)}  ${help}`;
  }).join('\n');
}
