// Words for the config validation codes of shared/config.ts: what was wrong and how to fix it.
import {
  CFG_HYSTERESIS, CFG_NOT_NUMBER, CFG_RANGE, CFG_RATE, CFG_STEP, CFG_UNKNOWN, checkConfig, checkField, Config, FIELDS,
} from '../shared/config';

export function fieldMessage(code: number, name: string, value: unknown): string {
  const d = FIELDS.find((f) => f.name === name);
  switch (code) {
    case CFG_UNKNOWN:
      return `unknown config field "${name}"; fields: ${FIELDS.map((f) => f.name).join(', ')}`;
    case CFG_NOT_NUMBER:
      return `${name} must be a number, got ${JSON.stringify(value)}`;
    case CFG_STEP:
      return `${name} must be a multiple of ${1 / d!.scale} ${d!.unit}, got ${value}`;
    case CFG_RANGE:
      return `${name} = ${value} is out of range ${d!.min}..${d!.max} ${d!.unit}`;
    case CFG_RATE:
      return `rate_hz must be 12.5, 25 or 50, got ${value}`;
    default:
      return `${name}: invalid value ${value}`;
  }
}

/** '' when the value is valid, else the message. */
export function fieldProblem(name: string, value: number): string {
  const code = checkField(name, value);
  return code ? fieldMessage(code, name, value) : '';
}

/** '' when the whole config is valid, else the message. */
export function configProblem(c: Config): string {
  const r = checkConfig(c);
  if (!r) return '';
  const code = r >> 8;
  if (code === CFG_HYSTERESIS) {
    return `hysteresis_deg (${c.hysteresis_deg}) must be below threshold_deg (${c.threshold_deg})`;
  }
  const name = FIELDS[r & 255].name;
  return fieldMessage(code, name, c[name]);
}
