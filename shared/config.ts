// The one table of coaching settings. The firmware validates against it, the host's zod
// schema is derived from it, the README's table is checked against it. Order matters: a
// field's index is its id on the wire and in the stored config record, so append only.

export interface FieldDef {
  name: string;
  unit: string;
  def: number;
  min: number;
  max: number;
  /** Stored and sent as round(value * scale); every field is an integer after scaling. */
  scale: number;
}

function f(name: string, unit: string, def: number, min: number, max: number, scale: number): FieldDef {
  return { name: name, unit: unit, def: def, min: min, max: max, scale: scale };
}

export const FIELDS: FieldDef[] = [
  f('threshold_deg', 'deg', 15, 3, 60, 1),
  f('hysteresis_deg', 'deg', 5, 1, 20, 1),
  f('alert_delay_s', 's', 30, 1, 1800, 1),
  f('realert_s', 's', 60, 0, 1800, 1),
  f('max_alerts', 'count', 4, 1, 20, 1),
  f('break_min', 'min', 45, 0, 240, 1),
  f('move_mg', 'mg', 80, 10, 2000, 1),
  f('move_dps', 'deg/s', 25, 2, 500, 1),
  f('move_hold_s', 's', 2, 0, 30, 1),
  f('move_reset_s', 's', 5, 1, 120, 1),
  f('lying_deg', 'deg', 60, 30, 85, 1),
  f('off_still_mg', 'mg', 3, 0, 50, 1),
  f('off_after_s', 's', 60, 5, 3600, 1),
  f('snooze_min', 'min', 15, 1, 240, 1),
  f('mode', 'enum', 0, 0, 1, 1),
  f('motor_pct', '%', 80, 10, 100, 1),
  f('rate_hz', 'Hz', 25, 12.5, 50, 10),
  f('calib_s', 's', 3, 1, 10, 1),
];

export const N_FIELDS = FIELDS.length;

export interface Config {
  [name: string]: number;
}

export function fieldIndex(name: string): number {
  for (let i = 0; i < FIELDS.length; i++) if (FIELDS[i].name === name) return i;
  return -1;
}

export function defaultConfig(): Config {
  const c: Config = {};
  for (let i = 0; i < FIELDS.length; i++) c[FIELDS[i].name] = FIELDS[i].def;
  return c;
}

/** Error text for one value, or '' when valid. Messages name the field and the range. */
export function checkField(name: string, value: number): string {
  const i = fieldIndex(name);
  if (i < 0) return 'unknown config field "' + name + '"';
  const d = FIELDS[i];
  if (typeof value !== 'number' || value !== value) return name + ' must be a number';
  const raw = value * d.scale;
  if (Math.abs(raw - Math.round(raw)) > 1e-9) {
    return name + ' must be a multiple of ' + 1 / d.scale + ' ' + d.unit;
  }
  if (value < d.min || value > d.max) {
    return name + ' = ' + value + ' is out of range ' + d.min + '..' + d.max + ' ' + d.unit;
  }
  if (name === 'rate_hz' && value !== 12.5 && value !== 25 && value !== 50) {
    return 'rate_hz must be 12.5, 25 or 50';
  }
  return '';
}

/** Checks every field and the rules that tie fields together; '' when valid. */
export function checkConfig(c: Config): string {
  for (let i = 0; i < FIELDS.length; i++) {
    const e = checkField(FIELDS[i].name, c[FIELDS[i].name]);
    if (e) return e;
  }
  if (c.hysteresis_deg >= c.threshold_deg) {
    return 'hysteresis_deg (' + c.hysteresis_deg + ') must be below threshold_deg (' + c.threshold_deg + ')';
  }
  return '';
}
