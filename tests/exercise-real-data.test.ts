// Exercise repetitions on real back-worn data (../shared/datasets/sitting-postures, CC BY 4.0,
// Ali et al. 2026), at T4: each subject's backward-bend and side-bend windows replayed as
// repetitions (upright, 1 s into the bend, held past the hold time, 1 s back), with the target
// set below the range that subject showed; and every upright and slouch recording replayed
// the same way, with the same prescription, for false repetitions.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Config } from '../shared/config';
import { createCore } from '../shared/core';
import { ONE_G, OUT_FLEX, OUT_LAT } from '../shared/estimator';
import { EV_EX_REP } from '../shared/events';
import { repoRoot } from '../host/paths';
import { exerciseConfig } from '../host/sim/exercise-day';
import { createFeeder } from './helpers/feeder';

const DATA = join(repoRoot, '..', 'shared', 'datasets', 'sitting-postures', 'samples.csv');
const RATE = 50;
const HOLD_S = 5;
const REPS = 5;
type Row = number[];

function load(): Map<string, Row[]> {
  const w = new Map<string, Row[]>();
  for (const line of readFileSync(DATA, 'utf8').trim().split('\n').slice(1)) {
    const c = line.split(',');
    if (c[4] !== 'T4') continue;
    const key = `${c[0]}|${c[2]}`;
    if (!w.has(key)) w.set(key, []);
    w.get(key)!.push(c.slice(5).map(Number));
  }
  return w;
}

/** Calibrates on upright, then plays REPS repetitions of the posture; returns the reps counted and the posture's angles. */
function play(upright: Row[], posture: Row[], cfg: Config, holdS: number) {
  const reps: number[] = [];
  const c: Config = { ...cfg, rate_hz: RATE };
  const core = createCore(c, 131, (type, _t, _a, b) => type === EV_EX_REP && reps.push(b & 15));
  const feeder = createFeeder(core);
  let t = 0, sf = 0, sl = 0, n = 0;
  const clamp = (v: number, s: number) => Math.max(-32767, Math.min(32767, Math.round(v * s)));
  const feed = (r: Row) => {
    const full = feeder.push(t, clamp(r[0], ONE_G), clamp(r[1], ONE_G), clamp(r[2], ONE_G), clamp(r[3], 131), clamp(r[4], 131), clamp(r[5], 131));
    t += 1000 / RATE;
    return full;
  };
  const ramp = (from: Row[], to: Row[]) => {
    for (let i = 0; i < RATE; i++) feed(from[i % from.length].map((v, j) => v + (to[i % to.length][j] - v) * (i / RATE)));
  };
  core.calibrate(0, c.calib_s * 1000);
  for (let i = 0; i < RATE * 8; i++) feed(upright[i % upright.length]);
  for (let r = 0; r < REPS; r++) {
    ramp(upright, posture);
    const hold = RATE * (holdS + 1.5);
    for (let i = 0; i < hold; i++) {
      if (feed(posture[i % posture.length]) && i > hold - RATE) {
        core.est.angles();
        sf += core.est.out[OUT_FLEX];
        sl += core.est.out[OUT_LAT];
        n++;
      }
    }
    ramp(posture, upright);
    for (let i = 0; i < RATE * 4; i++) feed(upright[i % upright.length]);
  }
  return { reps, flex: sf / n / 10, lat: sl / n / 10 };
}

const have = existsSync(DATA);

describe.runIf(have)('exercise repetitions on real data (16 subjects, T4)', () => {
  const w = have ? load() : new Map<string, Row[]>();
  const subjects = [...new Set([...w.keys()].map((k) => Number(k.split('|')[0])))].sort((a, b) => a - b);
  const off = exerciseConfig({ ex_extension_deg: 0, ex_side_deg: 0 });

  it('counts the backward and side bends as extension and side-bend repetitions; no false ones in upright or slouched sitting', () => {
    const lines = ['subject  extension (deg, target, counted)   right bend            left bend             false (upright, slouch)'];
    let found = 0, eligible = 0, falseReps = 0, falseTries = 0;
    for (const s of subjects) {
      const up = w.get(`${s}|upright`)!;
      // The subject's range: each posture measured with nothing prescribed.
      const ext = play(up, w.get(`${s}|backward_bending`)!, off, HOLD_S);
      const right = play(up, w.get(`${s}|right_bending`)!, off, HOLD_S);
      const left = play(up, w.get(`${s}|left_bending`)!, off, HOLD_S);
      // Targets below the subject's range (whole degrees; under 3 deg there is nothing to coach).
      const target = (deg: number) => Math.floor(deg * 0.7);
      const extT = target(-ext.flex), sideT = target(Math.min(Math.abs(right.lat), Math.abs(left.lat)));
      const cfg = exerciseConfig({ ex_extension_deg: extT >= 3 ? Math.min(45, extT) : 0, ex_side_deg: sideT >= 3 ? Math.min(45, sideT) : 0, ex_hold_s: HOLD_S, ex_reps: 10 });
      const cell = (m: { flex: number; lat: number }, deg: number, t: number, posture: string, kinds: number[]) => {
        if (t < 3) return `${deg.toFixed(1).padStart(5)}, n/a        `;
        const r = play(up, w.get(`${s}|${posture}`)!, cfg, HOLD_S).reps.filter((k) => kinds.includes(k)).length;
        found += r;
        eligible += REPS;
        return `${deg.toFixed(1).padStart(5)}, ${String(t).padStart(2)}, ${r}/${REPS}   `;
      };
      const e = cell(ext, -ext.flex, extT, 'backward_bending', [1]);
      const rt = cell(right, right.lat, sideT, 'right_bending', [2, 3]);
      const lt = cell(left, left.lat, sideT, 'left_bending', [2, 3]);
      const fu = play(up, up, cfg, HOLD_S).reps.length, fs = play(up, w.get(`${s}|slouching`)!, cfg, HOLD_S).reps.length;
      falseReps += fu + fs;
      falseTries += 2 * REPS;
      lines.push(`${String(s).padStart(7)}  ${e}           ${rt}  ${lt}  ${fu}, ${fs}`);
    }
    lines.push(`sensitivity ${found}/${eligible} (${((100 * found) / eligible).toFixed(1)} %); false repetitions ${falseReps} in ${falseTries} upright and slouch holds`);
    console.log(lines.join('\n'));
    expect(eligible).toBeGreaterThan(REPS * 30);
    expect(found / eligible).toBeGreaterThanOrEqual(0.9);
    expect(falseReps).toBe(0);
  });
});
