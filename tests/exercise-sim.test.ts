// The virtual clip with a virtual wearer who answers the exercise reminder: the real firmware
// bundle in the emulation reminds (three slow buzzes), the wearer feels it on the motor pin and
// does a set of each exercise, well or badly, and the clip counts what was done.
import { describe, expect, it } from 'vitest';
import { createVirtualDevice } from '../host/sim/virtual-device';
import { EV_CALIBRATED, EV_EX_REMINDER, EV_EX_REP, EV_EX_SET } from '../shared/events';
import { frame, unframe } from '../shared/protocol';

function run(habit: 'well' | 'badly') {
  const dev = createVirtualDevice({ speed: 0, scenario: [{ activity: 'upright', seconds: 10 }, { activity: 'type', seconds: 3600 }], exercises: habit });
  const ask = (msg: object) => dev.input(frame(JSON.stringify(msg)));
  ask({ i: 1, c: 'hello' });
  ask({ i: 2, c: 'set', v: { calib_s: 1, break_min: 3, ex_extension_deg: 15, ex_side_deg: 15, ex_hold_s: 5, ex_reps: 5, ex_sets: 1 } });
  dev.advance(3000);
  ask({ i: 3, c: 'calibrate' });
  for (let k = 0; k < 60 * 8; k++) dev.advance(1000);
  const events = dev.output.join('').split('\n').map((l) => unframe(l.trim())).filter((j): j is string => !!j)
    .map((j) => JSON.parse(j) as { e?: number; a?: number; b?: number }).filter((m) => m.e !== undefined);
  return events;
}

describe('the virtual wearer and the exercise reminder', () => {
  it('does the sets well when reminded: the clip counts them, and stops reminding once the day\'s sets are done', () => {
    const ev = run('well');
    expect(ev.some((e) => e.e === EV_CALIBRATED)).toBe(true);
    const reminders = ev.filter((e) => e.e === EV_EX_REMINDER);
    const sets = ev.filter((e) => e.e === EV_EX_SET);
    expect(reminders.length).toBe(1); // the day's one set of each was done at the first
    expect(sets.map((s) => [s.b! & 15, s.b! >> 4])).toEqual([[1, 1], [2, 1]]);
    expect(ev.filter((e) => e.e === EV_EX_REP).length).toBe(5 + 10); // 5 extensions, 5 side bends each side
  });

  it('does them badly: fewer repetitions count, no set completes, and the reminder comes again', () => {
    const ev = run('badly');
    expect(ev.filter((e) => e.e === EV_EX_REMINDER).length).toBeGreaterThan(1);
    expect(ev.filter((e) => e.e === EV_EX_SET && e.b! >> 4 === 1).length).toBeLessThan(2);
  });
});
