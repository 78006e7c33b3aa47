// The clip refuses in a word; the host words the sentence. Each case is a word the firmware
// sends (firmware/link.ts) and what the user must be told.
import { describe, expect, it } from 'vitest';
import { explainRefusal } from '../host/link/refusals';
import { ERR_ARGS, ERR_CONFIG, ERR_FRAME, ERR_LOCKED, ERR_STATE, ERR_TOO_LONG, ERR_UNKNOWN } from '../shared/protocol';

describe('explainRefusal', () => {
  it.each([
    ['stream', ERR_ARGS, 'hz', /stream needs "hz": an integer 0\.\.50 \(0 = off\) \(bad_arguments\)/],
    ['lock', ERR_ARGS, 'pin', /lock needs "pin": 4-8 digits/],
    ['set', ERR_ARGS, 'threshold_deg', /config field threshold_deg must be a number/],
    ['set', ERR_CONFIG, 'buzz', /unknown config field buzz \(config\)/],
    ['set', ERR_CONFIG, 'refused', /out of range \(config\)/],
    ['set', ERR_LOCKED, 'pin', /locked: give the PIN \(locked\)/],
    ['lock', ERR_LOCKED, 'old', /give the old PIN/],
    ['hello', ERR_FRAME, 'json', /not JSON \(frame\)/],
    ['hello', ERR_TOO_LONG, 'line', /longer than 512 bytes \(too_long\)/],
    ['zap', ERR_UNKNOWN, 'c', /unknown command "zap"/],
    ['pull', ERR_ARGS, 'failed: TypeError', /pull failed: TypeError/],
    ['pull', ERR_ARGS, 'weird', /pull: bad argument "weird"/],
    ['set', ERR_STATE, 'storage', /Storage has no room to keep the change.*nothing changed.*\(state\)/],
    ['lock', ERR_STATE, 'storage', /Storage has no room/],
  ])('%s refused with %i "%s"', (c, err, msg, want) => {
    expect(explainRefusal(c, err, msg)).toMatch(want);
  });
});
