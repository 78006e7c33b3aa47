// Event and state codes shared by the detector, the device log, the wire protocol and the
// host. Codes are stored in the log, so never renumber; append.

export const EV_CALIBRATED = 1; // a = reference sagittal angle (0.1 deg), b = samples averaged
export const EV_CALIB_REFUSED = 2; // a = CALIB_* reason
export const EV_STATE = 3; // a = new state, b = previous state
export const EV_SLOUCH_START = 4; // a = flexion (0.1 deg)
export const EV_SLOUCH_END = 5; // a = episode length (ms), b = END_* reason
export const EV_ALERT = 6; // a = level 1..3, b = 1 when it buzzes (training mode), 0 when recorded only
export const EV_CORRECTED = 7; // a = ms from the latest alert to upright
export const EV_BREAK = 8; // a = minutes sat without a break
export const EV_SNOOZE = 9; // a = minutes
export const EV_MODE = 10; // a = 0 training, 1 tracking
export const EV_FAULT = 11; // a = FAULT_* code, b = detail
export const EV_BOOT = 12; // a, b = 0 (reserved: Espruino gives no portable reset cause)
export const EV_TIME_SET = 13; // a = (new - old) clock step in s, b = 0
// EV_CONFIG: a = field id + 256 * (old raw value + 1), b = new raw value; logs before 0.2
// carried a = field id alone (old value unknown). Raw = value * fieldScale.
export const EV_CONFIG = 14;
export const EV_LOW_BATTERY = 15; // a = battery %
export const EV_EX_REMINDER = 16; // a = exercises due (1 extension + 2 side bends), b = 1 when it buzzes
export const EV_EX_REP = 17; // a = peak angle (0.1 deg), b = EX_* direction + 16 * longest hold (0.1 s)
export const EV_EX_SET = 18; // a = repetitions, b = EX_EXTENSION or EX_SIDE + 16 when completed (else abandoned)

export const EVENT_NAMES = [
  '', 'calibrated', 'calib_refused', 'state', 'slouch_start', 'slouch_end', 'alert', 'corrected',
  'break', 'snooze', 'mode', 'fault', 'boot', 'time_set', 'config', 'low_battery',
  'exercise_reminder', 'exercise_rep', 'exercise_set',
];

// Exercise directions of a repetition, and exercises of a set (side bends: both sides).
export const EX_EXTENSION = 1;
export const EX_SIDE_LEFT = 2;
export const EX_SIDE_RIGHT = 3;
export const EX_SIDE = 2;
export const EX_REP_NAMES = ['', 'extension', 'side_bend_left', 'side_bend_right'];
export const EX_SET_NAMES = ['', 'extension', 'side_bend'];

export const ST_UNCAL = 0;
export const ST_UPRIGHT = 1;
export const ST_SLOUCH = 2;
export const ST_MOVING = 3;
export const ST_LYING = 4;
export const ST_OFF = 5;
export const STATE_NAMES = ['uncalibrated', 'upright', 'slouch', 'moving', 'lying', 'off'];

export const CALIB_MOVING = 1;
export const CALIB_FLAT = 2; // gravity along the clip's normal: on a desk or the wearer lying flat
export const CALIB_GRAVITY = 3; // |a| far from 1 g: sensor fault or wrong scale
export const CALIB_NO_DATA = 4;
export const CALIB_REASONS = ['', 'moving', 'flat', 'gravity', 'no_data'];

export const END_UPRIGHT = 1;
export const END_MOVING = 2;
export const END_LYING = 3;
export const END_OFF = 4;
export const END_RESET = 5; // factory reset
export const END_CONFIG = 6; // a prescription change put the held posture below the new release angle
export const END_CALIBRATED = 7; // a new upright reference
export const END_STOPPED = 8; // sampling stopped (flat battery)
export const END_NAMES = ['', 'upright', 'moving', 'lying', 'off', 'reset', 'config', 'calibrated', 'stopped'];

export const FAULT_IMU = 1; // b = retry count
export const FAULT_CONFIG = 2; // b = 1 missing, 2 corrupt (both at boot), 3 a save found no room
export const FAULT_LOG = 3;
export const FAULT_WATCHDOG = 4;
export const FAULT_HOUR_LOG = 5; // b = hourly records lost (Storage full)
export const FAULT_MEMORY = 6; // b = which long-lived typed array lost its flat storage (1-based)
export const FAULT_LOG_FLASH = 7; // the board's external log flash did not answer at boot: logging to Storage
export const FAULT_NAMES = ['', 'imu', 'config', 'log', 'watchdog', 'hour_log', 'memory', 'log_flash'];

/** Receives every decision. Plain integers, so emitting allocates nothing. */
export type Emit = (type: number, t: number, a: number, b: number) => void;
