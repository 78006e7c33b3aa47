// Synthetic scenarios: what an office worker does all day, at every supported rate.
import { describe, expect, it } from 'vitest';
import { generate, Segment, toCsv } from '../host/sim/scenario';
import { defaultCalibration, replay } from '../host/replay/replay';
import { parseSamplesCsv } from '../host/replay/samples-csv';
import { defaultConfig } from '../shared/config';
import { createCore } from '../shared/core';
import { createRecordingRunner } from '../shared/recording';
import {
  CALIB_FLAT, CALIB_GRAVITY, CALIB_MOVING, EV_ALERT, EV_CALIB_REFUSED, EV_CALIBRATED, ST_LYING, ST_MOVING, ST_OFF,
} from '../shared/events';
import { only, runScenario } from './helpers/run-scenario';

const RATES = [12.5, 25, 50];
const calm = (s: number): Segment => ({ activity: 'upright', seconds: s });

describe.each(RATES)('detector at %s Hz', (rateHz) => {
  const run = (script: Segment[], set = {}, rot = 0) => runScenario(script, { rateHz, rotationDeg: rot }, set);

  it('alerts once a still slouch is held for the alert delay (30 s)', () => {
    const ev = run([calm(10), { activity: 'slouch', seconds: 45, deg: 25 }, calm(10)]);
    const alerts = only(ev, 'alert');
    expect(alerts).toHaveLength(1);
    const start = only(ev, 'slouch_start')[0];
    expect(alerts[0].t - start.t).toBeGreaterThanOrEqual(30000);
    expect(alerts[0].t - start.t).toBeLessThan(31000);
    expect(alerts[0].b).toBe(1);
    expect(only(ev, 'corrected')).toHaveLength(1);
  });

  it('stays quiet for slouches shorter than the delay', () => {
    const ev = run([calm(10), { activity: 'slouch', seconds: 20, deg: 25 }, calm(10), { activity: 'slouch', seconds: 25, deg: 30 }, calm(10)]);
    expect(only(ev, 'alert')).toHaveLength(0);
    expect(only(ev, 'slouch_start').length).toBe(2);
  });

  it('stays quiet while walking, standing up and reaching', () => {
    const ev = run([
      calm(10),
      { activity: 'stand_up', seconds: 3 },
      { activity: 'walk', seconds: 120 },
      calm(10),
      { activity: 'reach', seconds: 5, deg: 35 },
      calm(5),
      { activity: 'reach', seconds: 6, deg: 30, lateralDeg: -15 },
      calm(10),
    ]);
    expect(only(ev, 'alert')).toHaveLength(0);
    expect(only(ev, 'state').some((e) => e.a === ST_MOVING)).toBe(true);
  });

  it('never alerts when leaning back in the chair', () => {
    const ev = run([calm(5), { activity: 'lean_back', seconds: 120, deg: 20 }, calm(5)]);
    expect(only(ev, 'alert')).toHaveLength(0);
    expect(only(ev, 'slouch_start')).toHaveLength(0);
  });

  it('never alerts lying down or on a side, and calls it lying or off', () => {
    const ev = run([calm(5), { activity: 'lie_down', seconds: 120 }, { activity: 'lie_side', seconds: 120 }]);
    expect(only(ev, 'alert')).toHaveLength(0);
    const states = only(ev, 'state').map((e) => e.a);
    expect(states).toContain(ST_LYING);
  });

  it('knows when the clip is off and lying on a desk', () => {
    const ev = run([calm(5), { activity: 'clip_off', seconds: 300 }]);
    expect(only(ev, 'alert')).toHaveLength(0);
    expect(only(ev, 'state').at(-1)!.a).toBe(ST_OFF);
  });

  it('catches a slow drift into a slouch', () => {
    const ev = run([calm(10), { activity: 'drift', seconds: 180, deg: 25 }, { activity: 'slouch', seconds: 60, deg: 25 }]);
    expect(only(ev, 'alert').length).toBeGreaterThanOrEqual(1);
  });

  it('re-alerts and escalates per the policy, up to max_alerts', () => {
    const ev = run([calm(5), { activity: 'slouch', seconds: 400, deg: 25 }], { realert_s: 60, max_alerts: 4 });
    const alerts = only(ev, 'alert');
    expect(alerts.map((a) => a.a)).toEqual([1, 2, 3, 3]);
    for (let i = 1; i < alerts.length; i++) expect(alerts[i].t - alerts[i - 1].t).toBeGreaterThanOrEqual(60000);
  });

  it('records without buzzing in tracking mode', () => {
    const ev = run([calm(5), { activity: 'slouch', seconds: 40, deg: 25 }], { mode: 1 });
    const alerts = only(ev, 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].b).toBe(0);
  });

  it('stays quiet upright with a noisy sensor (20 mg RMS per axis)', () => {
    const ev = runScenario([calm(300)], { rateHz, noiseG: 0.02 });
    expect(only(ev, 'alert')).toHaveLength(0);
    expect(only(ev, 'slouch_start')).toHaveLength(0);
  });

  it('gives the same decisions whatever the clip rotation', () => {
    const script: Segment[] = [calm(10), { activity: 'slouch', seconds: 45, deg: 25 }, calm(10), { activity: 'walk', seconds: 30 }];
    // Noise is drawn in the clip frame, so values may differ by a count; decisions may not.
    const decisions = (rot: number) =>
      run(script, {}, rot).map((e) => (e.name === 'state' || e.name === 'alert' ? `${e.name}:${e.a}` : e.name));
    const times = (rot: number) => only(run(script, {}, rot), 'alert').map((e) => e.t);
    const straight = decisions(0);
    expect(decisions(40)).toEqual(straight);
    expect(decisions(180)).toEqual(straight);
    expect(Math.abs(times(40)[0] - times(0)[0])).toBeLessThanOrEqual(500);
  });

  it('reminds to take a break after break_min of sitting, and walking resets it', () => {
    const ev = run([calm(60 * 3 + 10)], { break_min: 3 });
    expect(only(ev, 'break')).toHaveLength(1);
    const ev2 = run([calm(100), { activity: 'walk', seconds: 70 }, calm(100)], { break_min: 3 });
    expect(only(ev2, 'break')).toHaveLength(0);
  });
});

describe('calibration', () => {
  const refusal = (activity: Segment['activity']) => {
    const samples = generate([{ activity, seconds: 10 }], { rateHz: 25, seed: 5 });
    const rec = parseSamplesCsv(toCsv(samples), 'calib');
    return replay(rec, defaultConfig(), defaultCalibration(rec)).filter((e) => e.type === EV_CALIB_REFUSED || e.type === EV_CALIBRATED);
  };

  it('is refused while the wearer walks, with the reason', () => {
    expect(refusal('walk')).toEqual([expect.objectContaining({ type: EV_CALIB_REFUSED, a: CALIB_MOVING })]);
  });

  it('is refused with the clip flat on a desk, with the reason', () => {
    expect(refusal('clip_off')).toEqual([expect.objectContaining({ type: EV_CALIB_REFUSED, a: CALIB_FLAT })]);
  });

  it('is accepted sitting still, and nothing alerts before it', () => {
    expect(refusal('upright')).toEqual([expect.objectContaining({ type: EV_CALIBRATED })]);
    const samples = generate([{ activity: 'slouch', seconds: 120, deg: 30 }], { rateHz: 25, seed: 5 });
    const rec = parseSamplesCsv(toCsv(samples), 'uncal');
    expect(replay(rec, defaultConfig(), { start: 0, ms: 0 }).filter((e) => e.type === EV_ALERT)).toHaveLength(0);
  });

  it('refuses a reading far from 1 g', () => {
    const samples = generate([{ activity: 'upright', seconds: 10 }], { rateHz: 25, seed: 5 }).map((s) => ({ ...s, ax: s.ax * 1.5, az: s.az * 1.5 }));
    const rec = parseSamplesCsv(toCsv(samples), 'scale');
    const ev = replay(rec, defaultConfig(), defaultCalibration(rec)).filter((e) => e.type === EV_CALIB_REFUSED);
    expect(ev[0].a).toBe(CALIB_GRAVITY);
  });
});

describe('snooze', () => {
  it('holds alerts back until the snooze ends, then alerts if the slouch is still held', () => {
    const samples = generate([{ activity: 'upright', seconds: 10 }, { activity: 'slouch', seconds: 120, deg: 25 }], { rateHz: 25, seed: 9 });
    const rec = parseSamplesCsv(toCsv(samples), 'snooze');
    const events: { type: number; t: number }[] = [];
    const core = createCore(defaultConfig(), rec.gyroPerDps, (type, t) => events.push({ type, t }));
    const run = createRecordingRunner(core, 0, 5000);
    // Snooze for 60 s at t = 15 s: the 30 s alert would come at ~40 s.
    const cut = 380; // a whole number of 10-sample blocks, as the runner requires
    run.feed(rec.t.subarray(0, cut), rec.acc.subarray(0, cut * 3), rec.gyr.subarray(0, cut * 3), cut);
    core.det.snooze(rec.t[cut - 1], 60000);
    run.feed(rec.t.subarray(cut), rec.acc.subarray(cut * 3), rec.gyr.subarray(cut * 3), rec.n - cut);
    const alerts = events.filter((e) => e.type === EV_ALERT);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0].t).toBeGreaterThanOrEqual(rec.t[cut - 1] + 60000);
  });
});
