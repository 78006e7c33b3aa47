// The configuration table as help text, for the commands that take settings.
import { ENUM_NAMES, FIELD_HELP, showValue } from '../../shared/config-docs';
import { FIELDS } from '../../shared/config';

export function configHelp(): string {
  return FIELDS.map((f) => {
    const enumField = f.unit === 'enum';
    const range = enumField && ENUM_NAMES[f.name] ? ENUM_NAMES[f.name].join('|') : `${f.min}..${f.max}`;
    const help = f.name === 'mode' ? 'coaching: alerts buzz; tracking: alerts are only recorded' : FIELD_HELP[f.name];
    return `  ${f.name.padEnd(15)} ${showValue(f.name, f.def).padStart(8)} ${enumField ? '      ' : f.unit.padEnd(6)} ${range}  ${help}`;
  }).join('\n');
}
