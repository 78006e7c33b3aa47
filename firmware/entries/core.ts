// Bundle entry for the core alone (the 6 KB budget): estimator, calibration, detector and
// the config table. Espruino and Node both have `global`; the API hangs there.
import { checkConfig, checkField, defaultConfig, FIELDS } from '../../shared/config';
import { createCore } from '../../shared/core';

declare const global: { PostureCore: unknown };

global.PostureCore = {
  createCore: createCore,
  defaultConfig: defaultConfig,
  checkConfig: checkConfig,
  checkField: checkField,
  FIELDS: FIELDS,
};
