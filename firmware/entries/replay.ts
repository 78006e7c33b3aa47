// Bundle entry for `posture replay --emit-script`: the core plus the recording loop and
// the event printer, exactly the modules the host's replay runs.
import { defaultConfig } from '../../shared/config';
import { createCore } from '../../shared/core';
import { eventJson } from '../../shared/event-json';
import { createRecordingRunner } from '../../shared/recording';

declare const global: { PostureReplay: unknown };

global.PostureReplay = {
  createCore: createCore,
  defaultConfig: defaultConfig,
  eventJson: eventJson,
  createRecordingRunner: createRecordingRunner,
};
