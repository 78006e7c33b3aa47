// The virtual wearer's response to the exercise reminder: they feel the clip's three slow
// buzzes (read from the motor pin, as a person would) and, a few seconds later, do a set of
// each exercise, well or badly. The motion comes from the same synthetic body as the scenario.
import { RepQuality, setScript } from './exercise-day';
import { generate, mulberry32, Sample } from './scenario';

export type ExerciseHabit = 'well' | 'badly';

/** The reminder pattern's pulses (firmware/motor.ts): three of ~300 ms. */
const PULSE_MIN = 250, PULSE_MAX = 350;

/** rotationDeg: the clip's rotation on the back, as in the scenario (calibration was made with it). */
export function createExerciser(habit: ExerciseHabit, rateHz: number, rotationDeg: number, seed = 1) {
  const rand = mulberry32(seed);
  let seen = 0, onAt = -1, pulses: number[] = [];
  return {
    /**
     * Reads the motor's new changes ([clock, level]); returns the samples of the sets the
     * wearer does (times from 0) when they have just felt the reminder, else null.
     */
    feel(motorLog: [number, number][]): Sample[] | null {
      let felt = false;
      for (; seen < motorLog.length; seen++) {
        const [t, v] = motorLog[seen];
        if (v > 0 && onAt < 0) onAt = t;
        else if (v === 0 && onAt >= 0) {
          const d = t - onAt;
          onAt = -1;
          pulses = d >= PULSE_MIN && d <= PULSE_MAX ? pulses.concat(t).slice(-3) : [];
          if (pulses.length === 3 && pulses[2] - pulses[0] < 1500) {
            felt = true;
            pulses = [];
          }
        }
      }
      if (!felt) return null;
      const q = (): RepQuality => (habit === 'well' ? 'good' : (['shallow', 'short', 'good'] as const)[Math.floor(rand() * 3)]);
      const ext = setScript(rand, { exercise: 'extension', qualities: [q(), q(), q(), q(), q()], targetDeg: 22, holdS: 6, startMs: 0 });
      const side = setScript(rand, { exercise: 'side_bend', qualities: Array.from({ length: 10 }, q), targetDeg: 22, holdS: 6, startMs: 0 });
      return generate([{ activity: 'upright', seconds: 3 }, ...ext.script, ...side.script], { rateHz, rotationDeg, seed: Math.floor(rand() * 1e6) });
    },
  };
}
