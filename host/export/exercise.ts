// The exercise level's decoded columns from an exercise event's integers (shared/events.ts).
import { EVENT_NAMES, EV_EX_REMINDER, EV_EX_REP, EX_REP_NAMES, EX_SET_NAMES } from '../../shared/events';

const DUE = ['', 'extension', 'side_bend', 'both'];

/** event, exercise, peak_deg, hold_s, reps, completed, buzzed */
export function exerciseColumns(type: number, a: number, b: number): (string | number | boolean)[] {
  if (type === EV_EX_REP) return [EVENT_NAMES[type], EX_REP_NAMES[b & 15] ?? '', a / 10, (b >> 4) / 10, '', '', ''];
  if (type === EV_EX_REMINDER) return [EVENT_NAMES[type], DUE[a] ?? '', '', '', '', '', b !== 0];
  return [EVENT_NAMES[type], EX_SET_NAMES[b & 15] ?? '', '', '', a, b >> 4 === 1, ''];
}
