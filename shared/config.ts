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

// Validation answers with codes, not prose: the device sends them over the wire and the
// host words them (host/config-errors.ts), which keeps the device bundle small.
export const CFG_OK = 0;
export const CFG_UNKNOWN = 1;
export const CFG_NOT_NUMBER = 2;
export const CFG_STEP = 3; // not a multiple of 1/scale
export const CFG_RANGE = 4;
export const CFG_RATE = 5; // rate_hz must be 12.5, 25 or 50
export const CFG_HYSTERESIS = 6; // hysteresis_deg must be below threshold_deg

/** CFG_* code for one value. */
export function checkField(name: string, value: number): number {
  const i = fieldIndex(name);
  if (i < 0) return CFG_UNKNOWN;
  const d = FIELDS[i];
  if (typeof value !== 'number' || value !== value) return CFG_NOT_NUMBER;
  const raw = value * d.scale;
  if (raw !== Math.round(raw)) return CFG_STEP;
  if (value < d.min || value > d.max) return CFG_RANGE;
  if (name === 'rate_hz' && value !== 12.5 && value !== 25 && value !== 50) return CFG_RATE;
  return CFG_OK;
}

/**
 * Checks every field and the rules that tie fields together. Returns 0 when valid, else
 * code * 256 + the index of the field at fault.
 */
export function checkConfig(c: Config): number {
  for (let i = 0; i < FIELDS.length; i++) {
    const e = checkField(FIELDS[i].name, c[FIELDS[i].name]);
    if (e) return e * 256 + i;
  }
  if (c.hysteresis_deg >= c.threshold_deg) return CFG_HYSTERESIS * 256 + 1;
  return CFG_OK;
}
