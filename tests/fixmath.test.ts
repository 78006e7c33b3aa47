import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATAN_TABLE, SEC_TABLE, atan2d, centiToDeci, hyp, isqrt } from '../shared/fixmath';

describe('fixed-point maths', () => {
  it('tables match Math.atan and Math.sqrt, rounded', () => {
    for (let i = 0; i <= 32; i++) {
      expect(ATAN_TABLE[i]).toBe(Math.round((Math.atan(i / 32) * 18000) / Math.PI));
      expect(SEC_TABLE[i]).toBe(Math.round(Math.sqrt(1 + (i / 32) ** 2) * 16384));
    }
  });

  it('atan2d is within 0.02 deg of Math.atan2 and hyp within 0.05 % of the magnitude', () => {
    fc.assert(
      fc.property(fc.integer({ min: -32767, max: 32767 }), fc.integer({ min: -32767, max: 32767 }), (y, x) => {
        fc.pre(x !== 0 || y !== 0);
        const a = atan2d(y, x);
        let err = Math.abs(a / 100 - (Math.atan2(y, x) * 180) / Math.PI);
        if (err > 180) err = 360 - err;
        expect(err).toBeLessThan(0.02);
        const m = Math.hypot(x, y);
        expect(Math.abs(hyp[0] - m)).toBeLessThanOrEqual(Math.max(1, m * 5e-4));
      }),
      { numRuns: 20000 },
    );
  });

  it('atan2d covers the axes and quadrants exactly', () => {
    expect(atan2d(0, 100)).toBe(0);
    expect(atan2d(100, 0)).toBe(9000);
    expect(atan2d(0, -100)).toBe(18000);
    expect(atan2d(-100, 0)).toBe(-9000);
    expect(atan2d(100, 100)).toBe(4500);
    expect(atan2d(-100, -100)).toBe(-13500);
    expect(atan2d(0, 0)).toBe(0);
    expect(hyp[0]).toBe(0);
  });

  it('isqrt is the floor square root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (v) => {
        const r = isqrt(v);
        expect(r * r).toBeLessThanOrEqual(v);
        expect((r + 1) * (r + 1)).toBeGreaterThan(v);
      }),
      { numRuns: 20000 },
    );
  });

  it('centiToDeci rounds half away from zero', () => {
    expect(centiToDeci(15)).toBe(2);
    expect(centiToDeci(14)).toBe(1);
    expect(centiToDeci(-15)).toBe(-2);
    expect(centiToDeci(-14)).toBe(-1);
    expect(centiToDeci(0)).toBe(0);
  });
});
