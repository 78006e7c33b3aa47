// Synthetic days for the exercise counter, with ground truth: sets of repetitions of varied
// quality (good, too shallow, too short) among an office day's distractors (reclining in the
// chair, reaching, standing up, walking, slouching, typing). Seeded, so a failure replays.
import { Config, defaultConfig } from '../../shared/config';
import { createCore } from '../../shared/core';
import { EV_EX_REP, EV_EX_SET, EV_SNOOZE } from '../../shared/events';
import { ONE_G } from '../../shared/estimator';
import { generate, mulberry32, Segment } from './scenario';

export type RepQuality = 'good' | 'shallow' | 'short';

/** Segment lengths on a 0.4 s grid: a whole number of samples at 12.5, 25 and 50 Hz, so script time is sample time. */
const grid = (s: number) => Math.max(0.4, Math.round(s / 0.4) * 0.4);

/** A repetition the script asks for: when it ends (ms from the start), and what it should count as. */
export interface TruthRep {
  endMs: number;
  exercise: 'extension' | 'side_bend_left' | 'side_bend_right';
  quality: RepQuality;
}

export function exerciseConfig(over: Partial<Config> = {}): Config {
  return { ...defaultConfig(), ex_extension_deg: 15, ex_side_deg: 15, ex_hold_s: 5, ex_reps: 5, ex_sets: 2, ...over };
}

/**
 * One set: reps of one exercise (side bends alternate sides), each of the given quality, with
 * the hold, depth and pace people vary. target and hold are the prescription's.
 */
export function setScript(rand: () => number, o: { exercise: 'extension' | 'side_bend'; qualities: RepQuality[]; targetDeg: number; holdS: number; startMs: number }): { script: Segment[]; truth: TruthRep[] } {
  const script: Segment[] = [];
  const truth: TruthRep[] = [];
  let t = o.startMs;
  o.qualities.forEach((q, i) => {
    const rest = grid(2 + rand() * 3);
    script.push({ activity: 'upright', seconds: rest });
    t += rest * 1000;
    // Good: past the target by 3..12 deg, held 1.5..4 s longer than asked (getting there takes ~1 s).
    const deg = q === 'shallow' ? o.targetDeg - 4 - rand() * 4 : o.targetDeg + 3 + rand() * 9;
    const secs = grid(q === 'short' ? o.holdS * (0.3 + rand() * 0.3) : o.holdS + 1.5 + rand() * 2.5);
    const right = i % 2 === 1;
    if (o.exercise === 'extension') script.push({ activity: 'extend', seconds: secs, deg });
    else script.push({ activity: 'side_bend', seconds: secs, lateralDeg: right ? deg : -deg, deg: rand() * 12 });
    t += secs * 1000;
    truth.push({ endMs: t, exercise: o.exercise === 'extension' ? 'extension' : right ? 'side_bend_right' : 'side_bend_left', quality: q });
  });
  script.push({ activity: 'upright', seconds: 5 });
  return { script, truth };
}

/** A stretch of office life without exercises: what must never count. */
export function distractors(rand: () => number, seconds: number): Segment[] {
  const out: Segment[] = [];
  let left = seconds;
  const r = (a: number, b: number) => a + rand() * (b - a);
  while (left > 0) {
    const k = rand();
    let segs: Segment[];
    if (k < 0.25) segs = [{ activity: 'type', seconds: r(60, 600) }];
    else if (k < 0.4) segs = [{ activity: 'slouch', seconds: r(30, 300), deg: r(18, 32), lateralDeg: r(-8, 8) }];
    else if (k < 0.5) segs = [{ activity: 'upright', seconds: r(20, 120) }];
    else if (k < 0.62) segs = [{ activity: 'reach', seconds: r(2, 5), deg: r(10, 40), lateralDeg: r(-30, 30) }, { activity: 'upright', seconds: r(5, 20) }];
    else if (k < 0.72) segs = [{ activity: 'stand_up', seconds: 3 }, { activity: 'walk', seconds: r(30, 240) }, { activity: 'upright', seconds: r(10, 30) }];
    else if (k < 0.84) segs = [{ activity: 'lean_back', seconds: r(40, 600), deg: r(12, 30) }, { activity: 'upright', seconds: r(10, 30) }];
    else if (k < 0.92) segs = [{ activity: 'drift', seconds: r(60, 300), deg: r(15, 30) }];
    else segs = [{ activity: 'type', seconds: r(30, 200) }, { activity: 'slouch', seconds: r(10, 60), deg: r(15, 25), lateralDeg: r(-15, 15) }];
    for (const s of segs) {
      s.seconds = grid(s.seconds);
      left -= s.seconds;
    }
    out.push(...segs);
  }
  return out;
}

export interface Counted {
  reps: { t: number; exercise: number; peakDdeg: number; holdDs: number }[];
  sets: { t: number; exercise: number; reps: number; completed: boolean }[];
  /** Every event the core emitted, in order. */
  events: { type: number; t: number; a: number; b: number }[];
}

/**
 * Runs the shared core over a script, hour-sized pieces at a time (an 8-hour day would not
 * fit in memory as samples), calibrated upright at the start. Returns the exercise events.
 */
/** localMs: local time minus the script's clock (the clip's, once the host set it with its UTC offset). */
export function countScript(script: Segment[], config: Config, o: { rateHz?: number; seed?: number; snoozeAtMs?: number; snoozeMin?: number; localMs?: number } = {}): Counted {
  const rate = o.rateHz ?? 25;
  const out: Counted = { reps: [], sets: [], events: [] };
  const core = createCore(config, 131, (type, t, a, b) => {
    out.events.push({ type, t, a, b });
    if (type === EV_EX_REP) out.reps.push({ t, exercise: b & 15, peakDdeg: a, holdDs: b >> 4 });
    else if (type === EV_EX_SET) out.sets.push({ t, exercise: b & 15, reps: a, completed: b >> 4 === 1 });
  });
  if (o.localMs !== undefined) core.setLocal(o.localMs);
  const acc = new Int16Array(core.n * 3), gyr = new Int16Array(core.n * 3);
  let k = 0, t0 = 0;
  core.calibrate(0, config.calib_s * 1000);
  // Pieces of about an hour; each begins where the previous ended (generate starts at t 0).
  const pieces: Segment[][] = [[]];
  let secs = 0;
  for (const s of script) {
    if (secs > 3600) {
      pieces.push([]);
      secs = 0;
    }
    pieces[pieces.length - 1].push(s);
    secs += s.seconds;
  }
  pieces.forEach((piece, i) => {
    const samples = generate(piece, { rateHz: rate, seed: (o.seed ?? 1) * 1000 + i });
    for (const s of samples) {
      acc[3 * k] = Math.round(s.ax * ONE_G);
      acc[3 * k + 1] = Math.round(s.ay * ONE_G);
      acc[3 * k + 2] = Math.round(s.az * ONE_G);
      gyr[3 * k] = Math.round(s.gx * 131);
      gyr[3 * k + 1] = Math.round(s.gy * 131);
      gyr[3 * k + 2] = Math.round(s.gz * 131);
      if (++k === core.n) {
        k = 0;
        // A snooze, as the clip's button press makes it (firmware/app.ts snooze()).
        if (o.snoozeAtMs !== undefined && t0 + s.t >= o.snoozeAtMs) {
          core.det.snooze(o.snoozeAtMs, (o.snoozeMin ?? config.snooze_min) * 60000);
          out.events.push({ type: EV_SNOOZE, t: o.snoozeAtMs, a: o.snoozeMin ?? config.snooze_min, b: 0 });
          o = { ...o, snoozeAtMs: undefined };
        }
        core.block(t0 + s.t, acc, gyr, core.n);
      }
    }
    t0 += samples.length ? samples[samples.length - 1].t + 1000 / rate : 0;
  });
  return out;
}

/** Matches counted repetitions to the script's: each counted one goes to the asked-for rep that ended just before it. */
export function score(truth: TruthRep[], counted: Counted): { good: number; goodCounted: number; badCounted: number; unmatched: number } {
  let goodCounted = 0, badCounted = 0, unmatched = 0;
  const used = new Set<number>();
  for (const r of counted.reps) {
    // The count lands when the wearer is back toward upright: within a few seconds of the segment's end.
    const i = truth.findIndex((x, j) => !used.has(j) && r.t >= x.endMs - 500 && r.t <= x.endMs + 4000);
    if (i < 0) {
      unmatched++;
      continue;
    }
    used.add(i);
    if (truth[i].quality === 'good') goodCounted++;
    else badCounted++;
  }
  return { good: truth.filter((x) => x.quality === 'good').length, goodCounted, badCounted, unmatched };
}

/**
 * A study day: calibration, then `sets` sets (extension and side bends in turn) of 7
 * repetitions each, about 70 % good, the rest shallow or short, each after a stretch of
 * distractors. Returns the script and the repetitions it asks for.
 */
export function studyDay(seed: number, sets: number, distractorS = 300): { script: Segment[]; truth: TruthRep[] } {
  const rand = mulberry32(seed);
  const script: Segment[] = [{ activity: 'upright', seconds: 10 }];
  const truth: TruthRep[] = [];
  let t = 10000;
  for (let i = 0; i < sets; i++) {
    const d = [...distractors(rand, distractorS), { activity: 'upright', seconds: 10 } as Segment];
    script.push(...d);
    t += d.reduce((s, x) => s + x.seconds * 1000, 0);
    const qualities: RepQuality[] = Array.from({ length: 7 }, () => {
      const k = rand();
      return k < 0.7 ? 'good' : k < 0.85 ? 'shallow' : 'short';
    });
    const s = setScript(rand, { exercise: i % 2 ? 'side_bend' : 'extension', qualities, targetDeg: 15, holdS: 5, startMs: t });
    script.push(...s.script);
    truth.push(...s.truth);
    t = s.truth[s.truth.length - 1].endMs + 5000;
  }
  return { script, truth };
}

/** A seeded generator, re-exported for the tests and the bench. */
export const seeded = mulberry32;
