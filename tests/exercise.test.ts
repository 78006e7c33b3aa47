// The exercise counter (shared/exercise.ts) on synthetic days with ground truth: sets of
// repetitions of varied quality among office distractors, and a whole office day with no
// exercise at all. The figures are printed; the targets are the issue's.
import { describe, expect, it } from 'vitest';
import { checkEvents } from '../host/log/grammar';
import { countScript, distractors, exerciseConfig, score, seeded, studyDay } from '../host/sim/exercise-day';
import { Segment } from '../host/sim/scenario';

describe('exercise repetitions on synthetic days with ground truth', () => {
  it('counts at least 95 % of good repetitions and no shallow or short one', () => {
    let good = 0, goodCounted = 0, badCounted = 0, unmatched = 0;
    for (const seed of [1, 2, 3]) {
      const { script, truth } = studyDay(seed, 12);
      const c = countScript(script, exerciseConfig(), { seed });
      const s = score(truth, c);
      good += s.good;
      goodCounted += s.goodCounted;
      badCounted += s.badCounted;
      unmatched += s.unmatched;
    }
    console.log(`exercise: ${goodCounted}/${good} good repetitions counted (${((100 * goodCounted) / good).toFixed(1)} %), ${badCounted} shallow or short counted, ${unmatched} counted outside any repetition`);
    expect(goodCounted / good).toBeGreaterThanOrEqual(0.95);
    expect(badCounted).toBe(0);
  });

  it('counts at most 1 false repetition in an 8-hour office day of reclining, reaching, standing, walking', () => {
    const days = [11, 12];
    let falseReps = 0;
    for (const seed of days) {
      const rand = seeded(seed);
      const c = countScript([{ activity: 'upright', seconds: 10 }, ...distractors(rand, 8 * 3600)], exerciseConfig(), { seed });
      falseReps += c.reps.length;
      expect(c.reps.length, `day ${seed}: ${JSON.stringify(c.reps)}`).toBeLessThanOrEqual(1);
    }
    console.log(`exercise: ${falseReps} false repetition(s) in ${days.length} office days of 8 h`);
  });
});

describe('exercise sets, reminders and what they change', () => {
  const up = (seconds: number): Segment => ({ activity: 'upright', seconds });
  const ext = (deg: number, seconds: number): Segment => ({ activity: 'extend', deg, seconds });

  it('completes a set at ex_reps, ticks each repetition with its angle and hold, and keeps the grammar', () => {
    const script = [up(10), ...Array.from({ length: 3 }, () => [ext(22, 7.2), up(4)]).flat()];
    const c = countScript(script, exerciseConfig({ ex_reps: 3 }));
    expect(c.reps.map((r) => r.exercise)).toEqual([1, 1, 1]);
    for (const r of c.reps) {
      expect(r.peakDdeg).toBeGreaterThan(200); // 22 deg asked, reached within the filter's lag
      expect(r.peakDdeg).toBeLessThan(240);
      expect(r.holdDs).toBeGreaterThanOrEqual(50);
    }
    expect(c.sets).toEqual([{ t: c.reps[2].t, exercise: 1, reps: 3, completed: true }]);
    expect(checkEvents(c.events, { complete: true, initialMode: 0 })).toEqual([]);
  });

  it('abandons a set after a minute without a repetition; side bends count left and right in one set', () => {
    const side = (lat: number): Segment => ({ activity: 'side_bend', lateralDeg: lat, deg: 6, seconds: 7.2 });
    const c = countScript([up(10), side(22), up(4), side(-22), up(4), side(20), up(70)], exerciseConfig({ ex_reps: 3 }));
    expect(c.reps.map((r) => r.exercise)).toEqual([3, 2, 3]); // right, left, right
    expect(c.sets).toHaveLength(1);
    expect(c.sets[0]).toMatchObject({ exercise: 2, reps: 3, completed: false });
    expect(c.sets[0].t - c.reps[2].t).toBeGreaterThanOrEqual(60000);
    expect(checkEvents(c.events, { complete: true, initialMode: 0 })).toEqual([]);
  });

  it('does not count reclining for minutes, or a stretch held twice too long to be one', () => {
    const c = countScript([up(10), { activity: 'lean_back', deg: 25, seconds: 180 }, up(10), ext(25, 24), up(10)], exerciseConfig());
    expect(c.reps).toEqual([]);
  });

  it('pauses slouch alerts while a set is open', () => {
    // Slouched between repetitions: without exercises this alerts after alert_delay_s (30 s).
    const slouchy = [up(10), ext(22, 7.2), { activity: 'slouch', deg: 25, seconds: 40 } as Segment, ext(22, 7.2), up(5)];
    const withSet = countScript(slouchy, exerciseConfig({ ex_reps: 2 }));
    const without = countScript(slouchy, exerciseConfig({ ex_extension_deg: 0, ex_side_deg: 0 }));
    const alerts = (c: { events: { type: number }[] }) => c.events.filter((e) => e.type === 6).length;
    expect(alerts(without)).toBeGreaterThan(0);
    expect(alerts(withSet)).toBe(0);
    expect(withSet.sets[0]).toMatchObject({ completed: true, reps: 2 });
  });

  it('counts nothing when nothing is prescribed, and what a different target would have counted', () => {
    const script = [up(10), ext(18, 7.2), up(4), ext(24, 7.2), up(4)];
    expect(countScript(script, exerciseConfig({ ex_extension_deg: 0, ex_side_deg: 0 })).reps).toEqual([]);
    expect(countScript(script, exerciseConfig({ ex_extension_deg: 15 })).reps).toHaveLength(2);
    expect(countScript(script, exerciseConfig({ ex_extension_deg: 20 })).reps).toHaveLength(1);
  });

  it('reminds with the break reminder until the day\'s sets are done; silent in a snooze; recorded only in tracking mode', () => {
    const sit = (min: number): Segment => ({ activity: 'type', seconds: min * 60 });
    const cfg = exerciseConfig({ break_min: 5, ex_sets: 1, ex_reps: 2, ex_side_deg: 0 });
    const c = countScript([up(10), sit(6), ext(22, 7.2), up(4), ext(22, 7.2), up(4), sit(6)], cfg);
    const reminders = c.events.filter((e) => e.type === 16);
    expect(reminders).toHaveLength(1); // the second break comes after the day's one set
    expect(reminders[0]).toMatchObject({ a: 1, b: 1 });
    expect(c.events.findIndex((e) => e.type === 16)).toBe(c.events.findIndex((e) => e.type === 8) + 1);
    const tracking = countScript([up(10), sit(6)], { ...cfg, mode: 1 });
    expect(tracking.events.filter((e) => e.type === 16)).toEqual([expect.objectContaining({ b: 0 })]);
    const off = countScript([up(10), sit(6)], { ...cfg, ex_remind: 0 });
    expect(off.events.filter((e) => e.type === 16)).toEqual([]);
    // Snoozed at minute 2 for 15 min: the break reminder still comes, the exercise one does not.
    const snoozed = countScript([up(10), sit(6)], cfg, { snoozeAtMs: 120000, snoozeMin: 15 });
    expect(snoozed.events.filter((e) => e.type === 8)).toHaveLength(1);
    expect(snoozed.events.filter((e) => e.type === 16)).toEqual([]);
    expect(checkEvents(snoozed.events, { complete: true, initialMode: 0 })).toEqual([]);
  });

  it('reminds at the prescribed times of day, local time, until the day\'s sets are done; a new day at local midnight', () => {
    const H = 3600000, M = 60000;
    const sit = (min: number): Segment => ({ activity: 'type', seconds: min * 60 });
    const cfg = exerciseConfig({ break_min: 0, ex_sets: 1, ex_reps: 2, ex_side_deg: 0, ex_time_1: 2355, ex_time_2: 5, ex_time_3: 2358 });
    const reminders = (c: { events: { type: number; t: number }[] }) => c.events.filter((e) => e.type === 16).map((e) => e.t);
    // The clip's clock at 0 is 23:50 local. Nothing done: 23:55, 23:58, then 0:05 the next day.
    const local = 23 * H + 50 * M;
    const idle = countScript([up(10), sit(16)], cfg, { localMs: local });
    const at = reminders(idle);
    expect(at).toHaveLength(3);
    [5 * M, 8 * M, 15 * M].forEach((due, i) => {
      expect(at[i]).toBeGreaterThanOrEqual(due);
      expect(at[i] - due).toBeLessThan(400); // the first block at or after the time
    });
    expect(idle.events.find((e) => e.type === 16)).toMatchObject({ a: 1, b: 1 });
    // The day's set done at 23:51: no reminder that day, and one again after midnight.
    const done = countScript([up(10), ext(22, 7.2), up(4), ext(22, 7.2), up(4), sit(15)], cfg, { localMs: local });
    expect(done.sets[0]).toMatchObject({ completed: true });
    expect(done.sets[0].t).toBeLessThan(5 * M);
    expect(reminders(done)).toHaveLength(1);
    expect(reminders(done)[0]).toBeGreaterThanOrEqual(15 * M);
    // A set done just after midnight counts for the new day: no reminder at 0:05.
    const early = countScript([up(10), sit(10), ext(22, 7.2), up(4), ext(22, 7.2), up(4), sit(6)], cfg, { localMs: local });
    expect(early.sets[0]).toMatchObject({ completed: true });
    expect(early.sets[0].t).toBeGreaterThan(10 * M);
    expect(reminders(early)).toHaveLength(2); // 23:55 and 23:58 only
    // Before the host has set the clock (no local time) there are none; a snooze skips them.
    expect(reminders(countScript([up(10), sit(16)], cfg))).toEqual([]);
    expect(reminders(countScript([up(10), sit(16)], cfg, { localMs: local, snoozeAtMs: 4 * M, snoozeMin: 5 }))).toHaveLength(1);
    expect(checkEvents(idle.events, { complete: true, initialMode: 0 })).toEqual([]);
  });
});
