// The one table of coaching settings. The firmware validates against it, the host's zod
// schema is derived from it, the README's table is checked against it. Order matters: a
// field's index is its id on the wire and in the stored config record, so append only.

import { wordAt } from './words';
import { EV_CONFIG as EV_CONFIG_CODE } from './events';

export interface FieldDef {
  name: string;
  unit: string;
  def: number;
  min: number;
  max: number;
  /** Stored and sent as round(value * scale); every field is an integer after scaling. */
  scale: number;
}

// The table is kept as one string and one typed array rather than 18 objects: on the device
// each object property costs a variable, and the objects alone took ~180 of them.
const NAMES =
  ',threshold_deg,hysteresis_deg,alert_delay_s,realert_s,max_alerts,break_min,move_mg,move_dps,move_hold_s,' +
  'move_reset_s,lying_deg,off_still_mg,off_after_s,snooze_min,mode,motor_pct,rate_hz,calib_s,' +
  'ex_extension_deg,ex_side_deg,ex_hold_s,ex_reps,ex_sets,ex_remind,ex_time_1,ex_time_2,ex_time_3,';
// def, min, max per field, each already multiplied by the field's scale.
const RAW = new Int16Array([
  15, 3, 60, /* threshold_deg */ 5, 1, 20, /* hysteresis_deg */ 30, 1, 1800, /* alert_delay_s */
  60, 0, 1800, /* realert_s */ 4, 1, 20, /* max_alerts */ 45, 0, 240, /* break_min */
  80, 10, 2000, /* move_mg */ 25, 2, 500, /* move_dps */ 2, 0, 30, /* move_hold_s */
  5, 1, 120, /* move_reset_s */ 60, 30, 85, /* lying_deg */ 3, 0, 50, /* off_still_mg */
  60, 5, 3600, /* off_after_s */ 15, 1, 240, /* snooze_min */ 0, 0, 1, /* mode */
  80, 10, 100, /* motor_pct */ 250, 125, 500, /* rate_hz (x10) */ 3, 1, 10, /* calib_s */
  // The exercise programme (shared/exercise.ts): a target of 0 means not prescribed.
  0, 0, 45, /* ex_extension_deg */ 0, 0, 45, /* ex_side_deg */ 5, 1, 30, /* ex_hold_s */
  5, 1, 20, /* ex_reps */ 2, 1, 10, /* ex_sets */ 1, 0, 1, /* ex_remind */
  // Exercise reminders at times of day, hhmm local time (930 is 9:30); 0: none.
  0, 0, 2359, /* ex_time_1 */ 0, 0, 2359, /* ex_time_2 */ 0, 0, 2359, /* ex_time_3 */
]);
export const N_FIELDS = 27;
const RATE_FIELD = 16;
/** The first of the three time-of-day fields (ex_time_1). */
export const TIME_FIELD = 24;

/** round(value * fieldScale(i)) is what is stored and logged. */
export function fieldScale(i: number): number {
  return i === RATE_FIELD ? 10 : 1;
}

export function fieldName(i: number): string {
  let a = 0;
  for (let k = 0; k < i; k++) a = NAMES.indexOf(',', a + 1);
  return NAMES.substring(a + 1, NAMES.indexOf(',', a + 1));
}

export function fieldIndex(name: string): number {
  const at = wordAt(NAMES, name, ',');
  if (at < 0) return -1;
  let i = 0;
  for (let k = NAMES.indexOf(','); k < at; k = NAMES.indexOf(',', k + 1)) i++;
  return i;
}

function fieldTable(): FieldDef[] {
  const units = 'deg,deg,s,s,count,min,mg,deg/s,s,s,deg,mg,s,min,enum,%,Hz,s,deg,deg,s,count,count,enum,hh:mm,hh:mm,hh:mm'.split(',');
  const t: FieldDef[] = [];
  for (let i = 0; i < N_FIELDS; i++) {
    const s = fieldScale(i);
    t.push({ name: fieldName(i), unit: units[i], def: RAW[3 * i] / s, min: RAW[3 * i + 1] / s, max: RAW[3 * i + 2] / s, scale: s });
  }
  return t;
}

/** The table as objects, for the host (zod schema, README, error messages). */
export const FIELDS: FieldDef[] = /* @__PURE__ */ fieldTable();

export interface Config {
  [name: string]: number;
}

export function defaultConfig(): Config {
  const c: Config = {};
  for (let i = 0; i < N_FIELDS; i++) c[fieldName(i)] = RAW[3 * i] / fieldScale(i);
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
export const CFG_TIME = 7; // a time of day's minutes (hhmm) must be under 60

/** CFG_* code for one value. */
export function checkField(name: string, value: number): number {
  const i = fieldIndex(name);
  if (i < 0) return CFG_UNKNOWN;
  if (typeof value !== 'number' || value !== value) return CFG_NOT_NUMBER;
  const raw = value * fieldScale(i);
  if (raw !== Math.round(raw)) return CFG_STEP;
  if (raw < RAW[3 * i + 1] || raw > RAW[3 * i + 2]) return CFG_RANGE;
  if (i === RATE_FIELD && value !== 12.5 && value !== 25 && value !== 50) return CFG_RATE;
  if (i >= TIME_FIELD && i < TIME_FIELD + 3 && value % 100 > 59) return CFG_TIME;
  return CFG_OK;
}

/**
 * Checks every field and the rules that tie fields together. Returns 0 when valid, else
 * code * 256 + the index of the field at fault.
 */
export function checkConfig(c: Config): number {
  for (let i = 0; i < N_FIELDS; i++) {
    const name = fieldName(i);
    const e = checkField(name, c[name]);
    if (e) return e * 256 + i;
  }
  if (c.hysteresis_deg >= c.threshold_deg) return CFG_HYSTERESIS * 256 + 1;
  return CFG_OK;
}

/**
 * Logs a prescription change: one EV_CONFIG per field whose value changed, with the old and
 * the new raw value (events.ts), all at one time t, which marks them as one change. The
 * clip and the host's replay both log through here. Returns how many fields changed.
 */
export function logChanges(was: Config, now: Config, t: number, emit: (type: number, t: number, a: number, b: number) => void): number {
  let n = 0;
  for (let i = 0; i < N_FIELDS; i++) {
    const f = fieldName(i), k = fieldScale(i);
    if (now[f] !== was[f]) {
      n++;
      emit(EV_CONFIG_CODE, t, i + 256 * (Math.round(was[f] * k) + 1), Math.round(now[f] * k));
    }
  }
  return n;
}
