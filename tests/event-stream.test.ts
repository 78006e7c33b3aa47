// The event stream's grammar (host/log/grammar.ts) on random days: postures, movement, the
// clip off and on, prescription and rate changes, snoozes, calibrations, mode switches and
// clock sets. The firmware app on a fake board must keep the grammar, and the host's replay
// of the very samples its core saw, under the same schedule, must give the same events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../host/replay/replay';
import { checkEvents, describeViolation } from '../host/log/grammar';
import { Action } from '../host/replay/schedule';
import { Activity } from '../host/sim/scenario';
import { END_NAMES, EVENT_NAMES, EV_BOOT, EV_FAULT, EV_LOW_BATTERY, EV_SLOUCH_END } from '../shared/events';
import { runClip, Step } from './helpers/clip-schedule';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS = Math.round(2000 * SCALE);

const ACTIVITIES: Activity[] = ['upright', 'slouch', 'slouch', 'walk', 'reach', 'stand_up', 'lean_back', 'lie_down', 'clip_off', 'drift', 'type'];

const posture = fc.record({
  activity: fc.constantFrom(...ACTIVITIES),
  seconds: fc.integer({ min: 1, max: 60 }),
  deg: fc.integer({ min: 8, max: 45 }),
}).map((s): Step => ({ kind: 'posture', segment: s }));

// Small delays and break times, so that alerts, re-alerts and break reminders happen in minutes.
const FIELD_VALUES: Record<string, fc.Arbitrary<number>> = {
  threshold_deg: fc.integer({ min: 8, max: 40 }),
  hysteresis_deg: fc.integer({ min: 2, max: 7 }),
  alert_delay_s: fc.integer({ min: 1, max: 30 }),
  realert_s: fc.integer({ min: 0, max: 20 }),
  max_alerts: fc.integer({ min: 1, max: 5 }),
  break_min: fc.integer({ min: 0, max: 2 }),
  move_mg: fc.integer({ min: 40, max: 200 }),
  move_reset_s: fc.integer({ min: 1, max: 10 }),
  lying_deg: fc.integer({ min: 45, max: 80 }),
  off_still_mg: fc.integer({ min: 0, max: 5 }),
  off_after_s: fc.integer({ min: 5, max: 40 }),
  motor_pct: fc.integer({ min: 10, max: 100 }),
  mode: fc.integer({ min: 0, max: 1 }),
  rate_hz: fc.constantFrom(12.5, 25, 50),
};

const config = fc
  .uniqueArray(fc.constantFrom(...Object.keys(FIELD_VALUES)), { minLength: 1, maxLength: 3 })
  .chain((names) => fc.tuple(...names.map((n) => FIELD_VALUES[n].map((v) => `${n}=${v}`))))
  .map((set): Action => ({ kind: 'config', set }));

const change = fc.oneof(
  { weight: 4, arbitrary: config },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }).map((min): Action => ({ kind: 'snooze', min })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1 }).map((mode): Action => ({ kind: 'mode', mode })) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: 'calibrate' }) },
  { weight: 1, arbitrary: fc.constantFrom(-3_600_000, -1500, 2500, 86_400_000, 1_780_000_000_000).map((ms): Action => ({ kind: 'clock', ms })) },
).map((action): Step => ({ kind: 'change', action }));

const wait = fc.integer({ min: 100, max: 8000 }).map((ms): Step => ({ kind: 'wait', ms }));

const day = fc.array(fc.oneof({ weight: 5, arbitrary: posture }, { weight: 3, arbitrary: change }, { weight: 1, arbitrary: wait }), { minLength: 2, maxLength: 14 });

const START: Step[] = [
  { kind: 'posture', segment: { activity: 'upright', seconds: 3 } },
  { kind: 'change', action: { kind: 'calibrate' } },
  { kind: 'posture', segment: { activity: 'upright', seconds: 4 } },
];

const coreOnly = (e: { type: number }) => e.type !== EV_BOOT && e.type !== EV_FAULT && e.type !== EV_LOW_BATTERY;

describe('event stream under random schedules', () => {
  it(`keeps its grammar on the firmware app, and replay gives the same events (${RUNS} schedules)`, () => {
    let events = 0, changes = 0;
    const seen = new Map<string, number>();
    const count = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 1_000_000 }), (steps, seed) => {
        const run = runClip([...START, ...steps], { seed, initial: { alert_delay_s: 5, realert_s: 10, break_min: 1 } });
        const bad = checkEvents(run.events, { complete: true, initialMode: run.initial.mode });
        expect(bad.map(describeViolation)).toEqual([]);
        const replayed = replay(run.recording, run.initial, null, run.schedule);
        expect(checkEvents(replayed, { complete: true, initialMode: run.initial.mode }).map(describeViolation)).toEqual([]);
        expect(replayed).toEqual(run.events.filter(coreOnly));
        events += run.events.length;
        for (const e of run.events) count(e.type === EV_SLOUCH_END ? `slouch_end ${END_NAMES[e.b]}` : EVENT_NAMES[e.type]);
        changes += run.schedule.length;
      }),
      { numRuns: RUNS, seed: 15 },
    );
    console.log(`event stream: ${RUNS} schedules, ${events} events, ${changes} changes applied; ${[...seen].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
    // The schedules reach what they are for: alerts, breaks, and episodes ended every way a change can.
    for (const k of ['alert', 'corrected', 'break', 'snooze', 'time_set', 'slouch_end config', 'slouch_end calibrated', 'slouch_end upright']) {
      expect(seen.get(k) ?? 0, k).toBeGreaterThan(0);
    }
  });
});
