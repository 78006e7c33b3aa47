// Help text for each config field, for the CLI, the README and zod messages. Host-side only:
// the device does not need the prose, and it would cost a third of the core bundle.
import { FIELDS } from './config';

export const FIELD_HELP: Record<string, string> = {
  threshold_deg: 'forward flexion beyond calibrated upright that counts as a slouch',
  hysteresis_deg: 'a slouch ends below threshold minus this; must be below the threshold',
  alert_delay_s: 'how long a still slouch is held before the first buzz',
  realert_s: 'slouch time between repeated, escalating alerts; 0 = alert once',
  max_alerts: 'alerts per slouch episode, the first included',
  break_min: 'sitting time without a real break before a break reminder; 0 = off',
  move_mg: 'RMS dynamic acceleration over a 0.4 s block above which the wearer is moving',
  move_dps: 'mean rotation rate over a 0.4 s block (gyro bias removed) above which the wearer is moving',
  move_hold_s: 'moving lasts this long after the motion stops',
  move_reset_s: 'continuous movement that ends a slouch episode (reaching does not, walking does)',
  lying_deg: 'tilt from upright beyond which the wearer is lying or reclined: no alerts',
  off_still_mg: 'RMS dynamic acceleration below this for off_after_s means the clip is off the body; 0 = never',
  off_after_s: 'stillness needed before the clip counts as off',
  snooze_min: 'how long a button press or the snooze command silences alerts',
  mode: 'coaching (0: alerts buzz) or tracking (1: alerts are only recorded)',
  motor_pct: 'vibration strength (PWM duty)',
  rate_hz: 'IMU sample rate: 12.5, 25 or 50',
  calib_s: 'length of the upright calibration window',
  ex_extension_deg: 'thoracic extension exercise: how far to lean back past upright for a repetition to count; 0 = not prescribed',
  ex_side_deg: 'side-bend exercise: how far to lean to each side for a repetition to count; 0 = not prescribed',
  ex_hold_s: 'how long each repetition is held at (or past) its target angle',
  ex_reps: 'repetitions in a set (for side bends: to each side)',
  ex_sets: 'sets of each prescribed exercise per day',
  ex_remind: 'exercise reminders: with_breaks (1: the break reminder also asks for a set, until the day\'s sets are done) or off (0)',
  ex_time_1: 'an exercise reminder at this time of day (local time of the computer that set the clip\'s clock), until the day\'s sets are done; none = 0',
  ex_time_2: 'a second exercise reminder time; none = 0',
  ex_time_3: 'a third exercise reminder time; none = 0',
};

/** Each field as a therapist would name it, for the report and the console. */
export const FIELD_LABEL: Record<string, string> = {
  threshold_deg: 'Slouch angle',
  hysteresis_deg: 'Sit-up margin',
  alert_delay_s: 'Delay before the first buzz',
  realert_s: 'Time between repeat buzzes',
  max_alerts: 'Buzzes per slouch, at most',
  break_min: 'Sitting time before a break reminder',
  move_mg: 'Movement threshold (acceleration)',
  move_dps: 'Movement threshold (turning)',
  move_hold_s: 'Movement hold',
  move_reset_s: 'Movement that ends a slouch',
  lying_deg: 'Lying or reclined beyond',
  off_still_mg: 'Stillness that means the clip is off',
  off_after_s: 'Time still before off',
  snooze_min: 'Snooze length',
  mode: 'Mode',
  motor_pct: 'Buzz strength',
  rate_hz: 'Sample rate',
  calib_s: 'Calibration window',
  ex_extension_deg: 'Back extension: target angle',
  ex_side_deg: 'Side bend: target angle',
  ex_hold_s: 'Exercise hold time',
  ex_reps: 'Repetitions per set',
  ex_sets: 'Sets per day',
  ex_remind: 'Exercise reminders',
  ex_time_1: 'Exercise reminder at',
  ex_time_2: 'Second reminder at',
  ex_time_3: 'Third reminder at',
};

/** The mode field's values by name (0 coaching: alerts buzz; 1 tracking: alerts only recorded). */
export const MODE_NAMES = ['coaching', 'tracking'];

/** Fields whose values have names (unit "enum"), value = index. */
export const ENUM_NAMES: Record<string, string[]> = {
  mode: MODE_NAMES,
  ex_remind: ['off', 'with_breaks'],
};

/** Fields holding a time of day as hhmm (930 is 9:30), 0 for none: the table's hh:mm unit. */
export const TIME_FIELDS = FIELDS.filter((f) => f.unit === 'hh:mm').map((f) => f.name);

/** The unit shown after a value: none for named values and times of day (10:30 says its own). */
export function unitAfter(unit: string): string {
  return unit === 'enum' || unit === 'hh:mm' ? '' : unit;
}

/** How a field's value is shown to people: enum fields by name, times as 9:30 (or none), the rest as numbers. */
export function showValue(name: string, v: number): string {
  if (TIME_FIELDS.includes(name)) return v ? `${Math.floor(v / 100)}:${String(v % 100).padStart(2, '0')}` : 'none';
  const names = ENUM_NAMES[name];
  return names && names[v] ? names[v] : String(v);
}
