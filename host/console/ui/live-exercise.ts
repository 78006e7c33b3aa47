// The live view's exercise line: what the clip just counted, in the therapist's words, from the
// exercise events of the live stream (shared/events.ts) and the prescription in force.
import { EV_EX_REMINDER, EV_EX_REP, EV_EX_SET, EX_EXTENSION } from '../../../shared/events';

export interface ExercisePrescription {
  extensionDeg: number;
  sideDeg: number;
  holdS: number;
  reps: number;
}

const NAME: Record<number, string> = { 1: 'back extension', 2: 'side bend left', 3: 'side bend right' };

/** The line for an exercise event, or null for any other event. */
export function exerciseLine(type: number, a: number, b: number, rx: ExercisePrescription): string | null {
  if (type === EV_EX_REP) {
    const kind = b & 15, hold = (b >> 4) / 10, target = kind === EX_EXTENSION ? rx.extensionDeg : rx.sideDeg;
    return `Repetition counted: ${NAME[kind] ?? 'exercise'}, ${(a / 10).toFixed(1)}° (target ${target}°), held ${hold.toFixed(1)} s (target ${rx.holdS} s)`;
  }
  if (type === EV_EX_SET) {
    const what = (b & 15) === EX_EXTENSION ? 'back extension' : 'side bends';
    return b >> 4 ? `Set of ${what} done: ${a} repetition${a === 1 ? '' : 's'}` : `Set of ${what} stopped after ${a} of ${rx.reps} (a minute without a repetition)`;
  }
  if (type === EV_EX_REMINDER) {
    const due = [a & 1 ? 'back extension' : '', a & 2 ? 'side bends' : ''].filter(Boolean).join(' and ');
    return `Reminder: a set of ${due} is due${b ? '' : ' (tracking mode: no buzz)'}`;
  }
  return null;
}

/** What the line says before any exercise event: whether anything is prescribed. */
export function exerciseIdle(rx: ExercisePrescription): string {
  const parts = [rx.extensionDeg ? `back extension to ${rx.extensionDeg}°` : '', rx.sideDeg ? `side bends to ${rx.sideDeg}° each way` : ''].filter(Boolean);
  return parts.length ? `Prescribed: ${parts.join(', ')}, held ${rx.holdS} s, ${rx.reps} a set. None counted yet.` : 'No exercises prescribed.';
}
