// Bundle entry for the posture core alone (the 6 KB budget): fixed-point maths, block
// sums, estimator, calibration and detector. The config table and its validation ship in
// the device bundle beside it. Espruino and Node both have `global`; the API hangs there.
import { createCore } from '../../shared/core';

declare const global: { PostureCore: unknown };

global.PostureCore = { createCore: createCore };
