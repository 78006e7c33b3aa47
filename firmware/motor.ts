// Vibration motor: patterns of on/off pulses at a PWM strength, with a hard cap on the
// on-time in any minute so a fault or a stuck slouch can never keep it running. The motor
// is switched off at creation, on stop(), and before every pattern.
import { Hal } from './hal/types';

// Steps of [on, off, on, ...] in units of 10 ms; pattern k is STEPS[START[k]] up to
// STEPS[START[k + 1]]. Typed arrays, because nested arrays cost ~30 variables on the device.
// 1 short: first alert, acknowledgements; 2 double: second alert, calibration confirmed;
// 3 long: third and later alerts; 4 escalating: motor test; 5 error: refusals, faults;
// 6 tick: an exercise repetition counted; 7 triple: a set finished; 8 wave: time for exercises.
const STEPS = new Uint8Array([20, 15, 15, 15, 60, 10, 10, 20, 10, 40, 8, 8, 8, 8, 8, 8, 8, 6, 10, 8, 10, 8, 40, 30, 20, 30, 20, 30]);
const START = new Uint8Array([0, 0, 1, 4, 5, 10, 17, 18, 23, 28]);
export const N_PATTERNS = 9;

/** Pattern k as [on ms, off ms, on ms, ...]; an unknown k plays the short buzz. */
export function patternMs(k: number): number[] {
  if (!(k >= 1 && k < N_PATTERNS)) k = 1;
  const out: number[] = [];
  for (let i = START[k]; i < START[k + 1]; i++) out.push(STEPS[i] * 10);
  return out;
}
export const P_SHORT = 1;
export const P_DOUBLE = 2;
export const P_LONG = 3;
export const P_ESCALATE = 4;
export const P_ERROR = 5;
export const P_TICK = 6;
export const P_SET = 7;
export const P_EXERCISE = 8;
export const CAP_MS_PER_MIN = 5000;

export interface Motor {
  /** Plays a pattern at strength 0..100 %. Returns the on-time played (ms) after the cap. */
  play(pattern: number, strengthPct: number): number;
  stop(): void;
  /** 1 while the motor is on (a property: on the device a getter would cost a closure). */
  on: number;
}

export function createMotor(hal: Hal, capMsPerMin: number): Motor {
  let winStart = -60000, usedMs = 0, timer: unknown = null;
  hal.motor(0);

  const m: Motor = { play: play, stop: stop, on: 0 };

  function stop() {
    if (timer !== null) hal.cancel(timer);
    timer = null;
    hal.motor(0);
    m.on = 0;
  }

  function play(pattern: number, pct: number): number {
    stop();
    const t = hal.now();
    if (t - winStart >= 60000) {
      winStart = t;
      usedMs = 0;
    }
    const p = patternMs(pattern);
    const duty = pct / 100;
    let planned = 0, left = capMsPerMin - usedMs;
    for (let k = 0; k < p.length; k += 2) {
      const ms = p[k] < left ? p[k] : left > 0 ? left : 0;
      planned += ms;
      left -= ms;
    }
    let i = 0;
    function next() {
      timer = null;
      if (i >= p.length) {
        hal.motor(0);
        m.on = 0;
        return;
      }
      let ms = p[i];
      if (!(i & 1)) {
        // An "on" step: clip to what the cap leaves.
        const left = capMsPerMin - usedMs;
        if (left <= 0) {
          hal.motor(0);
          m.on = 0;
          return;
        }
        if (ms > left) ms = left;
        usedMs += ms;
        hal.motor(duty);
        m.on = 1;
      } else {
        hal.motor(0);
        m.on = 0;
      }
      i++;
      timer = hal.after(next, ms);
    }
    next();
    return planned;
  }

  return m;
}
