// A schedule of changes for a replay: what a therapist or the wearer did at a given time
// ("--at 10:00 threshold_deg=20 --at 20:00 snooze"). The replay applies each between two
// blocks, exactly where the clip would have applied it, through the same core calls.
import { Config } from '../../shared/config';
import { applyAssignments } from '../cli/args';
import { UsageError } from '../cli/errors';

export type Action =
  | { kind: 'config'; set: string[] }
  | { kind: 'snooze'; min: number | null }
  | { kind: 'mode'; mode: number }
  | { kind: 'calibrate' }
  /** The clip's clock set: every later time moves by ms (tests; the CLI has no use for it). */
  | { kind: 'clock'; ms: number };

export interface ScheduledAction {
  /** ms after the recording's first sample. */
  atMs: number;
  action: Action;
  /** As the user wrote it, for messages. */
  spec: string;
  /**
   * Apply before this block (counted from 0) rather than by time: a clock set backwards
   * makes later blocks end before the change's time (tests that mirror a clip use it).
   */
  block?: number;
}

/** "90", "90s", "10m", "1h30m", "10:00" (min:s), "1:10:00" (h:min:s) -> ms. */
export function parseOffset(s: string): number | null {
  const colon = /^(\d+):(\d{1,2})(?::(\d{1,2}))?(?:\.(\d{1,3}))?$/.exec(s);
  if (colon) {
    const [a, b, c] = [Number(colon[1]), Number(colon[2]), colon[3] === undefined ? null : Number(colon[3])];
    const frac = colon[4] ? Number(colon[4].padEnd(3, '0')) : 0;
    if (b > 59 || (c !== null && c > 59)) return null;
    return (c === null ? a * 60 + b : a * 3600 + b * 60 + c) * 1000 + frac;
  }
  const units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s?)?$/.exec(s);
  if (units && s !== '' && s !== 's') return Math.round(((Number(units[1] ?? 0) * 60 + Number(units[2] ?? 0)) * 60 + Number(units[3] ?? 0)) * 1000);
  return null;
}

const ACTION_HELP = 'name=value[,name=value...], snooze, snooze=MIN, tracking, coaching or calibrate';

/** One "--at TIME ACTION"; config values are checked against the base prescription. */
export function parseAction(time: string, what: string, base: Config): ScheduledAction {
  const spec = `--at ${time} ${what}`;
  const atMs = parseOffset(time);
  if (atMs === null) throw new UsageError(`${spec}: ${time} is not a time; write minutes:seconds (10:00), h:min:s (1:10:00) or 90s, 10m, 1h30m, counted from the recording's first sample`);
  let action: Action;
  const snooze = /^snooze(?:=(\d+))?$/.exec(what);
  if (snooze) {
    const min = snooze[1] === undefined ? null : Number(snooze[1]);
    if (min !== null && (min < 1 || min > 240)) throw new UsageError(`${spec}: a snooze lasts 1 to 240 minutes`);
    action = { kind: 'snooze', min };
  } else if (what === 'tracking' || what === 'coaching') action = { kind: 'mode', mode: what === 'tracking' ? 1 : 0 };
  else if (what === 'calibrate') action = { kind: 'calibrate' };
  else if (/^[a-z_][a-z0-9_]*=/.test(what)) {
    const set = what.split(',').map((x) => x.trim()).filter(Boolean);
    if (set.some((x) => x.startsWith('rate_hz='))) throw new UsageError(`${spec}: a recording's sample rate is fixed; replay it at another rate with --set rate_hz=... instead`);
    applyAssignments(base, set, `--at ${time}`);
    action = { kind: 'config', set };
  } else throw new UsageError(`${spec}: expected ${ACTION_HELP}`);
  return { atMs, action, spec };
}

/** Pulls every "--at TIME ACTION" out of argv (they take two words, which parseArgs cannot say). */
export function takeAtFlags(argv: string[]): { rest: string[]; at: [string, string][] } {
  const rest: string[] = [];
  const at: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--at' || argv[i].startsWith('--at=')) {
      const time = argv[i] === '--at' ? argv[++i] : argv[i].slice(5);
      const what = argv[++i];
      if (time === undefined || what === undefined || what.startsWith('--')) {
        throw new UsageError(`--at takes a time and a change: --at 10:00 threshold_deg=20 (changes: ${ACTION_HELP})`);
      }
      at.push([time, what]);
    } else rest.push(argv[i]);
  }
  return { rest, at };
}

/** The schedule in time order (a stable sort: two changes at one time apply as written). */
export function parseSchedule(at: [string, string][], base: Config): ScheduledAction[] {
  return at.map(([t, w]) => parseAction(t, w, base)).sort((a, b) => a.atMs - b.atMs);
}

export function describeAction(a: Action): string {
  if (a.kind === 'config') return a.set.join(' ');
  if (a.kind === 'snooze') return a.min === null ? 'snooze' : `snooze ${a.min} min`;
  if (a.kind === 'mode') return a.mode ? 'tracking mode' : 'coaching mode';
  if (a.kind === 'clock') return `clock ${a.ms >= 0 ? '+' : ''}${a.ms} ms`;
  return 'calibrate';
}

