// The console's live exercise line (host/console/ui/live-exercise.ts), fed the events the core
// emits for a real set: what the therapist reads while the patient does it.
import { describe, expect, it } from 'vitest';
import { exerciseIdle, exerciseLine } from '../host/console/ui/live-exercise';
import { countScript, exerciseConfig } from '../host/sim/exercise-day';
import { Segment } from '../host/sim/scenario';

describe('the live exercise line', () => {
  const rx = { extensionDeg: 15, sideDeg: 12, holdS: 5, reps: 2 };
  const up = (seconds: number): Segment => ({ activity: 'upright', seconds });

  it('says what each repetition reached and held against its targets, then the set', () => {
    const c = countScript([up(10), { activity: 'extend', deg: 22, seconds: 7.2 }, up(4), { activity: 'extend', deg: 22, seconds: 7.2 }, up(4)], exerciseConfig({ ex_reps: 2 }));
    const lines = c.events.map((e) => exerciseLine(e.type, e.a, e.b, rx)).filter((l): l is string => l !== null);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Repetition counted: back extension, 2\d\.\d° \(target 15°\), held [5-9]\.\d s \(target 5 s\)$/);
    expect(lines[2]).toBe('Set of back extension done: 2 repetitions');
  });

  it('words reminders, abandoned sets and the idle state; other events give no line', () => {
    expect(exerciseLine(16, 3, 1, rx)).toBe('Reminder: a set of back extension and side bends is due');
    expect(exerciseLine(16, 2, 0, rx)).toBe('Reminder: a set of side bends is due (tracking mode: no buzz)');
    expect(exerciseLine(18, 1, 2, rx)).toBe('Set of side bends stopped after 1 of 2 (a minute without a repetition)');
    expect(exerciseLine(17, 140, 3 + 16 * 55, rx)).toBe('Repetition counted: side bend right, 14.0° (target 12°), held 5.5 s (target 5 s)');
    expect(exerciseLine(6, 1, 1, rx)).toBeNull(); // an alert
    expect(exerciseIdle(rx)).toBe('Prescribed: back extension to 15°, side bends to 12° each way, held 5 s, 2 a set. None counted yet.');
    expect(exerciseIdle({ ...rx, extensionDeg: 0, sideDeg: 0 })).toBe('No exercises prescribed.');
  });
});
