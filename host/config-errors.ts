// Words for the config validation codes of shared/config.ts: what was wrong and how to fix it.
import { ENUM_NAMES } from '../shared/config-docs';
import {
  CFG_HYSTERESIS, CFG_NOT_NUMBER, CFG_RANGE, CFG_RATE, CFG_STEP, CFG_TIME, CFG_UNKNOWN, checkConfig, checkField, Config, FIELDS,
} from '../shared/config';

export function fieldMessage(code: number, name: string, value: unknown): string {
  const d = FIELDS.find((f) => f.name === name);
  switch (code) {
    case CFG_UNKNOWN: {
      const near = closestField(name);
      return `unknown config field "${name}"${near ? `: did you mean ${near}?` : '.'} Fields: ${FIELDS.map((f) => f.name).join(', ')}`;
    }
    case CFG_NOT_NUMBER:
      return `${name} must be a number, got ${JSON.stringify(value)}`;
    case CFG_STEP:
      return `${name} must be a multiple of ${1 / d!.scale} ${d!.unit}, got ${value}`;
    case CFG_RANGE:
      if (ENUM_NAMES[name]) return `${name} must be ${ENUM_NAMES[name].join(' or ')} (${ENUM_NAMES[name].map((_, i) => i).join(' or ')}), got ${value}`;
      if (d!.unit === 'hh:mm') return `${name} must be a time of day from 0:01 to 23:59 (hhmm, 1 to 2359), or 0 for none, got ${value}`;
      return `${name} = ${value} is out of range ${d!.min}..${d!.max} ${d!.unit}`;
    case CFG_RATE:
      return `rate_hz must be 12.5, 25 or 50, got ${value}`;
    case CFG_TIME:
      return `${name} must be a time of day such as 9:30, got ${typeof value === 'number' ? `${Math.floor(value / 100)}:${String(value % 100).padStart(2, '0')}` : value}: its minutes must be under 60`;
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

/** The field a mistyped name most likely meant (an edit per four letters, or sharing a word), or ''. */
export function closestField(name: string): string {
  const n = name.toLowerCase();
  // A short name is far from everything: allow one edit per four letters.
  let best = '', bestD = Math.max(1, Math.floor(n.length / 4)) + 1;
  for (const f of FIELDS) {
    const d = editDistance(n, f.name);
    if (d < bestD) {
      best = f.name;
      bestD = d;
    }
  }
  if (best) return best;
  const word = FIELDS.find((f) => f.name.split('_').some((w) => w.length > 3 && n.includes(w)));
  return word ? word.name : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
