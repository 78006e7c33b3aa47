// The configuration table as help text, for the commands that take settings.
import { FIELD_HELP } from '../../shared/config-docs';
import { FIELDS } from '../../shared/config';

export function configHelp(): string {
  return FIELDS.map((f) => `  ${f.name.padEnd(15)} ${String(f.def).padStart(5)} ${f.unit.padEnd(6)} ${f.min}..${f.max}  ${FIELD_HELP[f.name]}`).join('\n');
}
