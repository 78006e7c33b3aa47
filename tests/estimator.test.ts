import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import { createCore } from '../shared/core';
import { blockSize, ONE_G, OUT_FLEX, OUT_LAT } from '../shared/estimator';
import { createFeeder } from './helpers/feeder';
import { EV_CALIBRATED } from '../shared/events';
import { gaussian, mulberry32 } from '../host/sim/scenario';
import { angleBetween, bodyToClip, floatAngles, Vec } from './helpers/float-reference';

const counts = (v: number) => Math.round(v * ONE_G);

/** Calibrates on ref, then holds a; returns the fixed-point angles in degrees. */
function measure(ref: Vec, a: Vec, noise: number, seed: number, rate = 25) {
  const g = gaussian(mulberry32(seed));
  // Float twin: the same block means, low-pass and calibration mean in doubles, on the same
  // noisy samples.
  const nb = blockSize(rate);
  let fl: Vec | null = null;
  let bs: Vec = [0, 0, 0];
  let k = 0;
  const sum: Vec = [0, 0, 0];
  let nCal = 0;
  const core = createCore({ ...defaultConfig(), rate_hz: rate }, 131, (type) => {
    if (type === EV_CALIBRATED) calibrated = true;
  });
  let calibrated = false;
  const feeder = createFeeder(core);
  const dt = 1000 / rate;
  let t = 0;
  const feed = (v: Vec, n: number) => {
    for (let i = 0; i < n; i++, t += dt) {
      const s: Vec = [v[0] + noise * g(), v[1] + noise * g(), v[2] + noise * g()];
      const full = feeder.push(t, counts(s[0]), counts(s[1]), counts(s[2]));
      for (let a = 0; a < 3; a++) bs[a] += s[a];
      if (++k === nb) {
        const m: Vec = [bs[0] / nb, bs[1] / nb, bs[2] / nb];
        if (!fl) fl = [...m];
        for (let a = 0; a < 3; a++) fl[a] += (m[a] - fl[a]) / 2;
        if (t <= 3000 + dt * nb) {
          for (let a = 0; a < 3; a++) sum[a] += bs[a];
          nCal += nb;
        }
        bs = [0, 0, 0];
        k = 0;
      }
      expect(full).toBe(k === 0);
    }
  };
  core.calibrate(0, 3000);
  feed(ref, rate * 4);
  feed(a, rate * 8);
  core.est.angles();
  const f = floatAngles([sum[0] / nCal, sum[1] / nCal, sum[2] / nCal], fl!);
  return { calibrated, flex: core.est.out[OUT_FLEX] / 10, lat: core.est.out[OUT_LAT] / 10, float: f };
}

describe('estimator against the float reference', () => {
  it('blocks last 0.4 s at 12.5, 25 and 50 Hz', () => {
    expect([12.5, 25, 50].map(blockSize)).toEqual([5, 10, 20]);
  });

  it('flexion and lateral are within 0.5 deg for any orientation within 80 deg, any clip rotation, with noise', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 60, noNaN: true }), // upright sagittal angle of the upper back
        fc.double({ min: -10, max: 10, noNaN: true }), // lateral at calibration
        fc.double({ min: 0, max: 360, noNaN: true }), // clip rotation about its normal
        fc.double({ min: -80, max: 80, noNaN: true }), // flexion to test
        fc.double({ min: -80, max: 80, noNaN: true }), // lateral to test
        fc.double({ min: 0, max: 0.01, noNaN: true }), // accelerometer noise (g RMS)
        fc.integer({ min: 1, max: 1 << 30 }),
        (base, lat0, rot, flex, lat, noise, seed) => {
          const ref = bodyToClip(base, lat0, rot);
          const a = bodyToClip(base + flex, lat, rot);
          fc.pre(angleBetween(ref, a) <= 80);
          const m = measure(ref, a, noise, seed);
          expect(m.calibrated).toBe(true);
          const f = m.float;
          // The posture itself is found too (noise and filter lag aside).
          expect(Math.abs(f.flex - floatAngles(ref, a).flex)).toBeLessThan(5);
          expect(Math.abs(m.flex - f.flex)).toBeLessThanOrEqual(0.5);
          expect(Math.abs(m.lat - f.lat)).toBeLessThanOrEqual(0.5);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a clip stuck on at 40 deg or upside down gives the same angles after calibration', () => {
    const results = [0, 40, 180, 275].map((rot) => measure(bodyToClip(30, 0, rot), bodyToClip(55, 8, rot), 0, 1));
    for (const r of results) {
      expect(r.flex).toBeCloseTo(25, 0);
      expect(r.lat).toBeCloseTo(8, 0);
      expect(Math.abs(r.flex - results[0].flex)).toBeLessThanOrEqual(0.2);
      expect(Math.abs(r.lat - results[0].lat)).toBeLessThanOrEqual(0.2);
    }
  });

  it('leaning back is negative flexion and leaning right is positive lateral', () => {
    expect(measure(bodyToClip(30, 0, 0), bodyToClip(15, 0, 0), 0, 1).flex).toBeCloseTo(-15, 0);
    expect(measure(bodyToClip(30, 0, 0), bodyToClip(30, 12, 0), 0, 1).lat).toBeCloseTo(12, 0);
  });
});

describe('a resting gyro', () => {
  it('a block without a gyro (null) decides exactly as a block of gyro zeros', async () => {
    const { createEstimator, OUT_GYRO_VAR, OUT_LEN } = await import('../shared/estimator');
    const noise = gaussian(mulberry32(11));
    const withZeros = createEstimator(131), withNull = createEstimator(131);
    withZeros.setReference(7000, 300, 4200);
    withNull.setReference(7000, 300, 4200);
    const acc = new Int16Array(30), gyr = new Int16Array(30), zeros = new Int16Array(30);
    let rotating = 0;
    for (let b = 0; b < 600; b++) {
      // Gyro running for 10 s, resting for 10 s, and so on; the body slowly tilting and moving.
      const on = Math.floor(b / 25) % 2 === 0;
      for (let i = 0; i < 30; i += 3) {
        acc[i] = 7000 + Math.round(noise() * 200 + 800 * Math.sin(b / 40));
        acc[i + 1] = 300 + Math.round(noise() * 200);
        acc[i + 2] = 4200 + Math.round(noise() * 200 - 600 * Math.sin(b / 40));
        for (let k = 0; k < 3; k++) gyr[i + k] = Math.round(40 + noise() * 30 + (b % 97 < 5 ? 3000 : 0));
      }
      withZeros.block(acc, on ? gyr : zeros, 10);
      withNull.block(acc, on ? gyr : null, 10);
      for (let k = 0; k < OUT_LEN; k++) expect(withNull.out[k]).toBe(withZeros.out[k]);
      if (withNull.out[OUT_GYRO_VAR] > 0) rotating++;
    }
    // The gyro's bursts show as rotation in the running spells (so the comparison covered both).
    expect(rotating).toBeGreaterThan(100);
  });
});

describe('the minute record\'s flexion sample', () => {
  it('angles(1) gives the very flexion angles() gives, over any posture', () => {
    fc.assert(
      fc.property(fc.integer({ min: -6000, max: 8000 }), fc.integer({ min: -4000, max: 4000 }), fc.integer({ min: -8000, max: 8000 }), (x, y, z) => {
        const core = createCore(defaultConfig(), 131, () => {});
        core.setReference(7094, -12, 4096);
        const acc = new Int16Array(30);
        for (let i = 0; i < 30; i += 3) acc.set([x, y, z], i);
        core.block(400, acc, null, 10);
        core.est.out[OUT_FLEX] = 12345;
        core.est.angles(1);
        const only = core.est.out[OUT_FLEX];
        core.est.angles();
        expect(only).toBe(core.est.out[OUT_FLEX]);
        expect(only).not.toBe(12345);
      }),
      { numRuns: 300 },
    );
  });
});
