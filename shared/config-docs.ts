// Help text for each config field, for the CLI, the README and zod messages. Host-side only:
// the device does not need the prose, and it would cost a third of the core bundle.

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
  mode: '0 = training (buzz), 1 = tracking (record only)',
  motor_pct: 'vibration strength (PWM duty)',
  rate_hz: 'IMU sample rate: 12.5, 25 or 50',
  calib_s: 'length of the upright calibration window',
};
