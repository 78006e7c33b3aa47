// A refused calibration's reason in words: what happened and what to do.
export const CALIB_TEXT: Record<string, string> = {
  moving: 'the wearer was moving: sit still and upright, then calibrate again',
  flat: 'the clip lies flat (not worn upright on the back)',
  gravity: 'the acceleration is not 1 g: check the sensor and its scale',
  no_data: 'no samples arrived during the window',
};
