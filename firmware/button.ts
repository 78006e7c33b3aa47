// Button gestures from raw edges (time from the Hal's clock):
//   press (< 1 s)              -> G_PRESS: acknowledge an alert, or snooze
//   long press (>= 2 s)        -> G_LONG: calibrate
//   three presses within 1.5 s -> G_TRIPLE: toggle training / tracking mode
// Single presses wait out the multi-press window (600 ms after the last release) before
// they count, so a triple press never also snoozes.
import { Hal } from './hal/types';

export const G_PRESS = 1;
export const G_LONG = 2;
export const G_TRIPLE = 3;
export const LONG_MS = 2000;
export const SHORT_MS = 1000;
export const GAP_MS = 600;

export function createButton(hal: Hal, onGesture: (g: number) => void) {
  let downAt = -1, presses = 0, timer: unknown = null;

  function flush() {
    timer = null;
    const n = presses;
    presses = 0;
    if (n >= 3) onGesture(G_TRIPLE);
    else if (n >= 1) onGesture(G_PRESS);
  }

  function edge(down: boolean) {
    const t = hal.now();
    if (down) {
      if (downAt < 0) downAt = t;
      if (timer !== null) {
        hal.cancel(timer);
        timer = null;
      }
      return;
    }
    if (downAt < 0) return;
    const held = t - downAt;
    downAt = -1;
    if (held >= LONG_MS) {
      presses = 0;
      onGesture(G_LONG);
      return;
    }
    if (held < SHORT_MS) presses++;
    if (presses >= 3) flush();
    else timer = hal.after(flush, GAP_MS);
  }

  return { edge: edge };
}
