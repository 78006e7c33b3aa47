// Every export level's columns, defined once: names, Frictionless Table Schema types, units,
// meanings and constraints. The CSV writer takes its header from here, datapackage.json
// carries these schemas, and docs/data-formats.md's column tables are generated from them.
import { END_NAMES, EVENT_NAMES, EX_REP_NAMES, FAULT_NAMES } from '../../shared/events';
import { FIELDS } from '../../shared/config';

export interface Column {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
  unit?: string;
  description: string;
  constraints?: Record<string, unknown>;
  /** Written as "" when unknown (missingValues). */
  optional?: boolean;
}

export interface LevelSchema {
  level: string;
  title: string;
  /** What one row is. */
  row: string;
  columns: Column[];
  primaryKey: string[];
  /** Foreign keys: these columns name a row of another level (when both are in one package). */
  references?: { fields: string[]; level: string; referenceFields: string[] }[];
}

const ID: Column = { name: 'device_id', type: 'string', description: "the clip's id, its archive folder's name (8 hex digits; text, never a number)", constraints: { required: true, pattern: '^[0-9a-f]{8}$' } };
const SEQ: Column = { name: 'seq', type: 'integer', description: 'record sequence number on the clip; a jump means records were lost (state.json lists the gaps)', constraints: { required: true, minimum: 0 } };
const SET: Column = { name: 'clock_set', type: 'boolean', description: "whether the clip's clock had been set by a computer; when not, times count from power-on and the UTC column is empty", constraints: { required: true } };
const utc = (name: string, what: string): Column => ({ name, type: 'datetime', unit: 'UTC', description: `${what} in UTC (ISO 8601); empty while the clip's clock was not set`, optional: true });
const secs = (name: string, max: number, what: string): Column => ({ name, type: 'integer', unit: 's', description: what, constraints: { required: true, minimum: 0, maximum: max } });
const summary = (max: number): Column[] => [
  secs('upright_s', max, 'time sitting or standing upright, still'),
  secs('slouch_s', max, 'time slouched (forward flexion beyond the prescribed slouch angle), still'),
  secs('moving_s', max, 'time moving (walking, reaching, turning)'),
  secs('lying_s', max, 'time lying or reclined beyond the lying angle'),
  secs('off_s', max, 'time the clip was off the body'),
  { name: 'upper_back_flexion_mean_deg', type: 'number', unit: 'deg', description: 'mean upper-back (T2-T4) forward flexion from the calibrated upright over still (upright or slouched) time, sampled every 3.2 s; positive forward', optional: true },
  { name: 'upper_back_flexion_max_deg', type: 'number', unit: 'deg', description: 'largest flexion of the same samples (one every 3.2 s of still time)', optional: true },
  { name: 'alerts', type: 'integer', unit: 'count', description: 'slouch prompts (buzzes, or recorded prompts in tracking mode)', constraints: { required: true, minimum: 0 } },
  { name: 'corrections', type: 'integer', unit: 'count', description: 'prompts answered by sitting up', constraints: { required: true, minimum: 0 } },
  { name: 'exercise_reps', type: 'integer', unit: 'count', description: 'prescribed exercise repetitions counted (the exercise level has each); empty from firmware before 0.2, which did not record them here', optional: true, constraints: { minimum: 0 } },
  { name: 'exercise_sets', type: 'integer', unit: 'count', description: 'exercise sets completed; empty from firmware before 0.2', optional: true, constraints: { minimum: 0 } },
];

export const LEVEL_SCHEMAS: LevelSchema[] = [
  {
    level: 'minutes', title: 'Posture per minute', row: 'one row per minute the clip was worn', primaryKey: ['device_id', 'seq'],
    columns: [ID, SEQ, { name: 'device_time_s', type: 'integer', unit: 's', description: "minute start on the clip's clock (since 1970 once set, else since power-on)", constraints: { required: true } }, utc('time_utc', 'minute start'), SET, ...summary(60)],
  },
  {
    level: 'hours', title: 'Posture per hour', row: 'one row per hourly summary; an hour that sampling stopped in, or in which the clock was set, can have two rows: add them up', primaryKey: ['device_id', 'seq'],
    columns: [ID, SEQ, { name: 'hour_start_s', type: 'integer', unit: 's', description: "hour start on the clip's clock", constraints: { required: true } }, utc('hour_start_utc', 'hour start'), SET, ...summary(3600)],
  },
  {
    level: 'events', title: 'Events', row: 'one row per logged event', primaryKey: ['device_id', 'seq'],
    columns: [
      ID, SEQ,
      { name: 'device_time_ms', type: 'integer', unit: 'ms', description: "when, on the clip's clock", constraints: { required: true } },
      utc('time_utc', 'when'), SET,
      { name: 'event', type: 'string', description: 'the event (docs/events.md)', constraints: { required: true, enum: EVENT_NAMES.filter(Boolean) } },
      { name: 'value_a', type: 'integer', description: "the event's first logged integer, as docs/events.md gives it", constraints: { required: true } },
      { name: 'value_b', type: 'integer', description: "the event's second logged integer", constraints: { required: true } },
      { name: 'config_field', type: 'string', description: 'config events: the prescription field that changed', optional: true, constraints: { enum: FIELDS.map((f) => f.name) } },
      { name: 'config_old', type: 'number', description: "config events: its value before, in the field's unit (empty in logs from firmware that did not record it)", optional: true },
      { name: 'config_new', type: 'number', description: "config events: its value after, in the field's unit", optional: true },
      { name: 'fault', type: 'string', description: 'fault events: what failed', optional: true, constraints: { enum: FAULT_NAMES.filter(Boolean).concat('unknown') } },
      { name: 'snooze_min', type: 'integer', unit: 'min', description: 'snooze events: how long prompts were silenced', optional: true, constraints: { minimum: 0 } },
      { name: 'mode', type: 'string', description: 'mode events: the mode switched to', optional: true, constraints: { enum: ['coaching', 'tracking'] } },
      { name: 'clock_step_s', type: 'integer', unit: 's', description: "time_set events: how far the clip's clock moved (new minus old)", optional: true },
      { name: 'battery_pct', type: 'integer', unit: '%', description: 'low_battery events: the charge left', optional: true, constraints: { minimum: 0, maximum: 100 } },
      { name: 'detail_json', type: 'string', description: 'the whole event as one JSON object, as posture replay --json prints it', constraints: { required: true } },
    ],
  },
  {
    level: 'episodes', title: 'Slouch episodes', row: 'one row per slouch episode, counted exactly as the report counts them', primaryKey: ['device_id', 'start_seq'],
    references: [{ fields: ['device_id', 'start_seq'], level: 'events', referenceFields: ['device_id', 'seq'] }],
    columns: [
      ID,
      { name: 'start_seq', type: 'integer', description: "sequence number of its slouch_start event (the events level's seq)", constraints: { required: true, minimum: 0 } },
      { name: 'start_device_time_ms', type: 'integer', unit: 'ms', description: "when the slouch began, on the clip's clock", constraints: { required: true } },
      utc('start_utc', 'when the slouch began'), SET,
      { name: 'start_flexion_deg', type: 'number', unit: 'deg', description: 'forward flexion when the slouch began', constraints: { required: true } },
      { name: 'end_device_time_ms', type: 'integer', unit: 'ms', description: 'when it ended; empty when a boot ended it or it is still open', optional: true },
      utc('end_utc', 'when it ended'),
      { name: 'duration_s', type: 'number', unit: 's', description: "its length as the clip measured it; empty when a boot ended it or it is still open", optional: true, constraints: { minimum: 0 } },
      { name: 'end_reason', type: 'string', description: 'why it ended', constraints: { required: true, enum: END_NAMES.filter(Boolean).concat('boot', 'open') } },
      { name: 'alerts', type: 'integer', unit: 'count', description: 'prompts during it', constraints: { required: true, minimum: 0 } },
      { name: 'alerts_buzzed', type: 'integer', unit: 'count', description: 'of those, buzzes (coaching mode)', constraints: { required: true, minimum: 0 } },
      { name: 'corrected_after_s', type: 'number', unit: 's', description: 'from the latest prompt to sitting up, when the wearer did', optional: true, constraints: { minimum: 0 } },
    ],
  },
  {
    level: 'exercise', title: 'Exercise programme', row: 'one row per exercise reminder, repetition counted and set ended (the exercise events, decoded)', primaryKey: ['device_id', 'seq'],
    references: [{ fields: ['device_id', 'seq'], level: 'events', referenceFields: ['device_id', 'seq'] }],
    columns: [
      ID, SEQ,
      { name: 'device_time_ms', type: 'integer', unit: 'ms', description: "when, on the clip's clock", constraints: { required: true } },
      utc('time_utc', 'when'), SET,
      { name: 'event', type: 'string', description: 'a reminder to exercise, a repetition counted, or a set ended', constraints: { required: true, enum: ['exercise_reminder', 'exercise_rep', 'exercise_set'] } },
      { name: 'exercise', type: 'string', description: 'repetitions: the direction; sets: the exercise; reminders: what was due', constraints: { required: true, enum: [...EX_REP_NAMES.filter(Boolean), 'side_bend', 'both'] } },
      { name: 'peak_deg', type: 'number', unit: 'deg', description: 'repetitions: the furthest angle reached from calibrated upright (backward for extension, sideways for side bends)', optional: true, constraints: { minimum: 0 } },
      { name: 'hold_s', type: 'number', unit: 's', description: 'repetitions: the longest time held at (or within 2 deg of) the target', optional: true, constraints: { minimum: 0 } },
      { name: 'reps', type: 'integer', unit: 'count', description: 'sets: repetitions in the set (side bends: both sides)', optional: true, constraints: { minimum: 0 } },
      { name: 'completed', type: 'boolean', description: 'sets: whether it reached the prescribed repetitions (else abandoned after a minute without one)', optional: true },
      { name: 'buzzed', type: 'boolean', description: 'reminders: whether it buzzed (coaching mode) or was only recorded (tracking mode)', optional: true },
    ],
  },
  {
    level: 'samples', title: 'Raw samples', row: 'one row per raw sample of every recording filed by posture stream --archive', primaryKey: ['device_id', 'recording', 't_ms'],
    columns: [
      ID,
      { name: 'recording', type: 'string', description: "the recording's file name", constraints: { required: true } },
      { name: 't_ms', type: 'integer', unit: 'ms', description: "the sample's time as recorded (the clip's clock, or since the recording began)", constraints: { required: true } },
      utc('time_utc', "the sample's time"),
      ...(['ax_g', 'ay_g', 'az_g'] as const).map((name, i): Column => ({ name, type: 'number', unit: 'g', description: `acceleration along the clip's ${'xyz'[i]} axis (${['up the spine', "to the wearer's left", 'out of the back'][i]})`, constraints: { required: true } })),
      ...(['gx_dps', 'gy_dps', 'gz_dps'] as const).map((name, i): Column => ({ name, type: 'number', unit: 'deg/s', description: `rotation rate about the clip's ${'xyz'[i]} axis (0 when the recording has no gyro)`, constraints: { required: true } })),
    ],
  },
];

export const levelSchema = (level: string): LevelSchema => LEVEL_SCHEMAS.find((l) => l.level === level)!;
export const columnNames = (level: string): string[] => levelSchema(level).columns.map((c) => c.name);

/** The level as a Frictionless Table Schema. */
export function tableSchema(level: string): Record<string, unknown> {
  const l = levelSchema(level);
  return {
    fields: l.columns.map((c) => ({
      name: c.name,
      type: c.type,
      ...(c.type === 'datetime' ? { format: 'any' } : {}),
      ...(c.type === 'boolean' ? { trueValues: ['1'], falseValues: ['0'] } : {}),
      description: c.description + (c.unit ? ` [${c.unit}]` : ''),
      ...(c.unit ? { unit: c.unit } : {}),
      ...(c.constraints ? { constraints: c.constraints } : {}),
    })),
    missingValues: [''],
    primaryKey: l.primaryKey,
  };
}
