// One JSON line per event. Shared so that `posture replay --json`, the emitted device
// script and the firmware's event stream print byte-identical text. Integers only.
import {
  CALIB_REASONS, END_NAMES, EVENT_NAMES, EV_ALERT, EV_BREAK, EV_CALIBRATED, EV_CALIB_REFUSED,
  EV_CORRECTED, EV_SLOUCH_END, EV_SLOUCH_START, EV_STATE, FAULT_NAMES, EV_FAULT, STATE_NAMES,
  EV_EX_REMINDER, EV_EX_REP, EV_EX_SET, EX_REP_NAMES, EX_SET_NAMES,
} from './events';

function q(s: string): string {
  return '"' + s + '"';
}

export function eventJson(type: number, t: number, a: number, b: number): string {
  const head = '{"t_ms":' + t + ',"type":' + q(EVENT_NAMES[type] || 'event_' + type);
  let body: string;
  if (type === EV_STATE) body = ',"state":' + q(STATE_NAMES[a]) + ',"from":' + q(b < 0 ? 'none' : STATE_NAMES[b]);
  else if (type === EV_ALERT) body = ',"level":' + a + ',"buzz":' + (b ? 'true' : 'false');
  else if (type === EV_SLOUCH_START) body = ',"flexion_ddeg":' + a;
  else if (type === EV_SLOUCH_END) body = ',"duration_ms":' + a + ',"reason":' + q(END_NAMES[b]);
  else if (type === EV_CORRECTED) body = ',"after_alert_ms":' + a + ',"alerts":' + b;
  else if (type === EV_CALIBRATED) body = ',"sagittal_ref_ddeg":' + a + ',"samples":' + b;
  else if (type === EV_CALIB_REFUSED) body = ',"reason":' + q(CALIB_REASONS[a]) + ',"samples":' + b;
  else if (type === EV_BREAK) body = ',"sitting_min":' + a;
  else if (type === EV_FAULT) body = ',"fault":' + q(FAULT_NAMES[a] || 'unknown') + ',"detail":' + b;
  else if (type === EV_EX_REP) body = ',"exercise":' + q(EX_REP_NAMES[b & 15]) + ',"peak_ddeg":' + a + ',"hold_ds":' + (b >> 4);
  else if (type === EV_EX_SET) body = ',"exercise":' + q(EX_SET_NAMES[b & 15]) + ',"reps":' + a + ',"completed":' + (b >> 4 ? 'true' : 'false');
  else if (type === EV_EX_REMINDER) body = ',"due":' + a + ',"buzz":' + (b ? 'true' : 'false');
  else body = ',"a":' + a + ',"b":' + b;
  return head + body + '}';
}
