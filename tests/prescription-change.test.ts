// A prescription changed while the wearer is doing something keeps what they are doing:
// the real `posture` process against `posture simulate` (the device bundle) over a pty. Each
// virtual clip runs a scenario of its own, fast; the test waits for events by streaming.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEvents, describeViolation, logEvents } from '../host/log/grammar';
import { decodeConfigEvent, describeConfigChange } from '../host/log/config-event';
import { decodeRecord, EventRecord, splitRecords } from '../host/log/records';
import { generate, Segment, toCsv } from '../host/sim/scenario';
import { EV_ALERT, EV_BREAK, EV_CALIBRATED, EV_CONFIG, EV_SLOUCH_END, EV_SLOUCH_START, EV_SNOOZE } from '../shared/events';
import { posture } from './helpers/cli';
import { startSimulate } from './helpers/sim-process';

const dir = mkdtempSync(join(tmpdir(), 'posture-rx-'));
const sims: { stop(): Promise<number | null> }[] = [];
afterAll(async () => {
  for (const s of sims) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A virtual clip playing script at speed, its clock set and calibrated while upright. */
async function clip(name: string, script: Segment[], speed: number, config: string[] = []) {
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, toCsv(generate(script, { rateHz: 25, seed: 3, rotationDeg: 20 })));
  const port = join(dir, name);
  sims.push(await startSimulate(['--speed', String(speed), '--link', port, '--scenario', csv]));
  const p = (...args: string[]) => {
    const r = posture([...args, '--port', port]);
    if (r.status !== 0) throw new Error(`posture ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  p('clock', '--set');
  if (config.length) p('config', 'set', ...config);
  p('calibrate');
  /** Pulls the log; the events after the last calibration, checked against the grammar. */
  const archive = join(dir, `${name}-archive`);
  const pulled = () => {
    const id = JSON.parse(p('pull', '--archive', archive, '--json')).clipId;
    const records = splitRecords(new Uint8Array(readFileSync(join(archive, id, 'records.bin')))).map(decodeRecord);
    expect(checkEvents(logEvents(records)).map(describeViolation)).toEqual([]);
    const events = records.filter((r): r is EventRecord => r.kind === 'event');
    const cal = events.map((e) => e.type).lastIndexOf(EV_CALIBRATED);
    return events.slice(cal + 1);
  };
  /** Pulls until the log holds count events of this type after the calibration. */
  const waitFor = async (type: number, count: number, maxS = 60) => {
    for (const t0 = Date.now(); Date.now() - t0 < maxS * 1000; await new Promise((r) => setTimeout(r, 200))) {
      if (pulled().filter((e) => e.type === type).length >= count) return;
    }
    throw new Error(`fewer than ${count} events of type ${type} within ${maxS} s`);
  };
  return { p, waitFor, pulled };
}

// Upright long enough for the clock set and the calibration (3 s) to fall in it at 10x.
const HELD: Segment[] = [{ activity: 'upright', seconds: 120 }, { activity: 'slouch', seconds: 900, deg: 25 }];
/** The events up to and with the nth of a type: the clip goes on logging while the test pulls. */
const upTo = (evs: EventRecord[], type: number, n: number) => {
  let seen = 0;
  const i = evs.findIndex((e) => e.type === type && ++seen === n);
  return i < 0 ? evs : evs.slice(0, i + 1);
};
const names = (evs: EventRecord[]) => evs.map((e) => (e.type === EV_CONFIG ? describeConfigChange(decodeConfigEvent(e.a, e.b)) : e.type));

describe('a prescription change while the wearer is coached', () => {
  it('held slouch + config set: the episode, its held time and its alerts go on', async () => {
    const c = await clip('set', HELD, 10);
    await c.waitFor(EV_ALERT, 1);
    c.p('config', 'set', 'threshold_deg=20'); // 25 deg is still a slouch
    await c.waitFor(EV_ALERT, 2);
    const ev = upTo(c.pulled(), EV_ALERT, 2);
    // One episode: started once, never ended, its second alert escalating to level 2 after the change.
    expect(names(ev)).toEqual([EV_SLOUCH_START, EV_ALERT, 'threshold_deg 15 → 20', EV_ALERT]);
    expect(ev.filter((e) => e.type === EV_ALERT).map((e) => e.a)).toEqual([1, 2]);
    const [first, second] = ev.filter((e) => e.type === EV_ALERT);
    expect(second.t - first.t).toBeGreaterThanOrEqual(59_000); // realert_s of further held time, not a fresh 30 s delay
  });

  it('held slouch + config import: one change, only the fields that changed, and the episode goes on', async () => {
    const c = await clip('import', HELD, 10);
    const file = join(dir, 'rx.json');
    c.p('config', 'export', file);
    const rx = JSON.parse(readFileSync(file, 'utf8'));
    rx.config.threshold_deg = 20;
    rx.config.realert_s = 20;
    writeFileSync(file, JSON.stringify(rx));
    await c.waitFor(EV_ALERT, 1);
    c.p('config', 'import', file);
    await c.waitFor(EV_ALERT, 2);
    const ev = upTo(c.pulled(), EV_ALERT, 2);
    expect(names(ev)).toEqual([EV_SLOUCH_START, EV_ALERT, 'threshold_deg 15 → 20', 'realert_s 60 → 20', EV_ALERT]);
    const configs = ev.filter((e) => e.type === EV_CONFIG);
    expect(configs[0].t).toBe(configs[1].t); // one change: logged at one instant
    // The same import again changes nothing and logs nothing.
    c.p('config', 'import', file);
    expect(c.pulled().filter((e) => e.type === EV_CONFIG)).toHaveLength(2);
  });

  it('snooze + config set, then a slouch: no buzz until the snooze ends', async () => {
    const c = await clip('snooze', [{ activity: 'upright', seconds: 150 }, { activity: 'slouch', seconds: 900, deg: 25 }], 10);
    c.p('snooze', '--min', '3');
    c.p('config', 'set', 'alert_delay_s=5');
    await c.waitFor(EV_ALERT, 1, 60);
    const ev = c.pulled();
    const snooze = ev.find((e) => e.type === EV_SNOOZE)!;
    const start = ev.find((e) => e.type === EV_SLOUCH_START)!;
    const alert = ev.find((e) => e.type === EV_ALERT)!;
    expect(names(ev).slice(0, 2)).toEqual([EV_SNOOZE, 'alert_delay_s 30 → 5']);
    // The slouch began inside the snooze, so its alert (5 s of held time) waited for the snooze's end.
    expect(start.t).toBeLessThan(snooze.t + 180_000 - 5000);
    expect(alert.t).toBeGreaterThanOrEqual(snooze.t + 180_000);
    // With the first block after the snooze's end: sitting still, the gyro rests and a block lasts 1.6 s.
    expect(alert.t - snooze.t).toBeLessThan(183_000);
  });

  it('30 min sitting + config set: the break reminder still comes at break_min', async () => {
    const c = await clip('break', [{ activity: 'upright', seconds: 3 * 3600 }], 100, ['break_min=40']);
    const t0 = Date.now();
    // 30 virtual minutes: 18 s at 100x.
    while (Date.now() - t0 < 18_000) await new Promise((r) => setTimeout(r, 250));
    c.p('config', 'set', 'threshold_deg=18');
    await c.waitFor(EV_BREAK, 1, 40);
    const ev = c.pulled();
    expect(ev.map((e) => e.type).filter((t) => t === EV_CONFIG || t === EV_BREAK)).toEqual([EV_CONFIG, EV_BREAK]);
    const brk = ev.find((e) => e.type === EV_BREAK)!;
    const cfg = ev.find((e) => e.type === EV_CONFIG)!;
    expect(brk.a).toBe(40);
    // Sitting time counted on through the change: the reminder came about 10 min after it, not 40.
    expect(brk.t - cfg.t).toBeLessThan(15 * 60_000);
    expect(ev.some((e) => e.type === EV_SLOUCH_END)).toBe(false);
  });
});
