// The event grammar's checker on hand-made streams: it flags each kind of break (the old
// firmware's dropped episode among them) and passes what the clip legitimately writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvents, GrammarEvent, GRAMMAR_RULES, logEvents } from '../host/log/grammar';
import { eventsDoc } from '../host/log/events-doc';
import { repoRoot } from '../host/paths';
import {
  END_CALIBRATED, END_CONFIG, END_MOVING, END_UPRIGHT, EV_ALERT, EV_BOOT, EV_CALIBRATED, EV_CONFIG, EV_CORRECTED, EV_MODE,
  EV_SLOUCH_END, EV_SLOUCH_START, EV_SNOOZE, EV_STATE, EV_TIME_SET, ST_SLOUCH, ST_UPRIGHT,
} from '../shared/events';

const ev = (type: number, t: number, a = 0, b = 0): GrammarEvent => ({ type, t, a, b });
const rules = (events: GrammarEvent[], complete = true) => checkEvents(events, { complete, initialMode: 0 }).map((v) => v.rule);
const cfg = (field: number, old: number, value: number, t = 500) => ev(EV_CONFIG, t, field + 256 * (old + 1), value);

// An alerted episode that ends upright, as the clip writes it.
const GOOD: GrammarEvent[] = [
  ev(EV_SLOUCH_START, 1000, 200), ev(EV_ALERT, 31000, 1, 1), ev(EV_ALERT, 91000, 2, 1),
  ev(EV_SLOUCH_END, 95000, 94000, END_UPRIGHT), ev(EV_CORRECTED, 95000, 4000, 2),
];

describe('event grammar', () => {
  it('passes what the clip writes: an alerted episode, a change inside it, a reboot mid-episode', () => {
    expect(rules(GOOD)).toEqual([]);
    expect(rules([ev(EV_SLOUCH_START, 1000), cfg(0, 15, 20, 2000), ev(EV_ALERT, 31000, 1, 1), ev(EV_SLOUCH_END, 40000, 39000, END_CONFIG)])).toEqual([]);
    expect(rules([ev(EV_SLOUCH_START, 1000), ev(EV_BOOT, 5), ev(EV_SLOUCH_START, 900)])).toEqual([]);
    expect(rules([ev(EV_SLOUCH_START, 1000), ev(EV_SLOUCH_END, 4000, 3000, END_CALIBRATED), ev(EV_CALIBRATED, 4000, 300, 75)])).toEqual([]);
  });

  it('flags the dropped episode of the old firmware: a second start with the first never ended', () => {
    // What a config set did before: the detector was rebuilt, the episode forgotten.
    expect(rules([ev(EV_SLOUCH_START, 1000), ev(EV_CONFIG, 2000, 0, 20), ev(EV_SLOUCH_START, 2400)])).toEqual(['episode-start']);
  });

  it('flags ends, alerts and corrections out of place', () => {
    expect(rules([ev(EV_SLOUCH_END, 100, 0, END_UPRIGHT)])).toEqual(['episode-end']);
    expect(rules([ev(EV_SLOUCH_START, 0), ev(EV_SLOUCH_END, 100, 150, END_MOVING)])).toEqual(['episode-end']); // longer than it lasted
    expect(rules([ev(EV_SLOUCH_START, 0), ev(EV_SLOUCH_END, 100, 100, 99)])).toEqual(['episode-end']);
    expect(rules([ev(EV_ALERT, 100, 1, 1)])).toEqual(['alert-inside']);
    expect(rules([ev(EV_SLOUCH_START, 0), ev(EV_ALERT, 100, 2, 1)])).toEqual(['alert-inside']); // level 2 first
    expect(rules(GOOD.slice(0, 4))).toEqual(['corrected']); // an alerted upright end without its corrected
    expect(rules([ev(EV_SLOUCH_START, 0), ev(EV_SLOUCH_END, 100, 100, END_UPRIGHT), ev(EV_CORRECTED, 100, 5, 1)])).toEqual(['corrected']);
    expect(rules([ev(EV_SLOUCH_START, 0), ev(EV_CALIBRATED, 100, 300, 75)])).toEqual(['calibrated']);
  });

  it('knows the snooze and the mode until they end or change', () => {
    const slouch = [ev(EV_SLOUCH_START, 60_000)];
    expect(rules([ev(EV_SNOOZE, 0, 2), ...slouch, ev(EV_ALERT, 90_000, 1, 1)])).toEqual(['alert-snooze']);
    expect(rules([ev(EV_SNOOZE, 0, 1), ...slouch, ev(EV_ALERT, 90_000, 1, 1)])).toEqual([]);
    expect(rules([ev(EV_SNOOZE, 0, 2), ev(EV_BOOT, 10), ev(EV_SLOUCH_START, 20), ev(EV_ALERT, 50, 1, 1)])).toEqual([]);
    // A clock set moves the snooze's end with it.
    expect(rules([ev(EV_SNOOZE, 0, 2), ev(EV_TIME_SET, 1_000_000, 1000), ev(EV_SLOUCH_START, 1_060_000), ev(EV_ALERT, 1_090_000, 1, 1)])).toEqual(['alert-snooze']);
    expect(rules([ev(EV_MODE, 0, 1), ...slouch, ev(EV_ALERT, 90_000, 1, 1)])).toEqual(['alert-mode']);
    expect(rules([ev(EV_MODE, 0, 1), ...slouch, ev(EV_ALERT, 90_000, 1, 0)])).toEqual([]);
    expect(rules([cfg(14, 0, 1), ...slouch, ev(EV_ALERT, 90_000, 1, 1)])).toEqual(['alert-mode']); // the mode field
    expect(rules([ev(EV_MODE, 0, 2)])).toEqual(['mode']);
  });

  it('checks config events: known field, in range, a real change that follows the last value', () => {
    expect(rules([cfg(0, 15, 20), cfg(0, 20, 25, 600)])).toEqual([]);
    expect(rules([cfg(0, 15, 15)])).toEqual(['config']);
    expect(rules([cfg(0, 15, 99)])).toEqual(['config']);
    expect(rules([cfg(0, 15, 20), cfg(0, 18, 25, 600)])).toEqual(['config']);
    expect(rules([ev(EV_CONFIG, 0, 77, 1)])).toEqual(['config']);
    expect(rules([ev(EV_CONFIG, 0, 0, 20)])).toEqual([]); // an old log: no old value to check
  });

  it('checks states and time', () => {
    expect(rules([ev(EV_STATE, 0, ST_UPRIGHT, -1), ev(EV_STATE, 400, ST_SLOUCH, ST_UPRIGHT)])).toEqual([]);
    expect(rules([ev(EV_STATE, 0, ST_UPRIGHT, -1), ev(EV_STATE, 400, ST_SLOUCH, 3)])).toEqual(['state']);
    expect(rules([ev(EV_SNOOZE, 500, 1), ev(EV_SNOOZE, 400, 1)])).toEqual(['time']);
    expect(rules([ev(EV_SNOOZE, 500, 1), ev(EV_BOOT, 3), ev(EV_SNOOZE, 400, 1)])).toEqual([]);
  });

  it('reads a pulled log: its start may be mid-episode, and a gap makes what was open unknown', () => {
    expect(rules([ev(EV_ALERT, 100, 2, 1), ev(EV_SLOUCH_END, 200, 5000, END_MOVING)], false)).toEqual([]);
    const recs = (seqs: number[], types: number[]) => seqs.map((seq, i) => ({ kind: 'event', seq, type: types[i], t: 1000 * i, a: 0, b: i === 1 ? END_MOVING : 0 }));
    expect(checkEvents(logEvents(recs([0, 1], [EV_BOOT, EV_SLOUCH_END]))).map((v) => v.rule)).toEqual(['episode-end']);
    expect(checkEvents(logEvents(recs([0, 7], [EV_BOOT, EV_SLOUCH_END])))).toEqual([]);
    // An episode begun before the log's start ends upright, and its corrected follows: its
    // alerts were cut off, so nothing is wrong (a clip whose first records were dropped).
    expect(rules([ev(EV_SLOUCH_END, 200, 5000, END_UPRIGHT), ev(EV_CORRECTED, 200, 900, 2)], false)).toEqual([]);
    expect(rules([ev(EV_SLOUCH_END, 200, 5000, END_UPRIGHT), ev(EV_CORRECTED, 300, 900, 2)], false)).toEqual(['corrected']);
  });

  it('is written down in docs/events.md, which npm run docs keeps equal to the code', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'events.md'), 'utf8');
    expect(doc).toBe(eventsDoc());
    for (const r of GRAMMAR_RULES) expect(doc).toContain(`**${r.id}**`);
  });
});
