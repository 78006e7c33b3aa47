import { describe, expect, it } from 'vitest';
import {
  CFG_HYSTERESIS, CFG_NOT_NUMBER, CFG_RANGE, CFG_RATE, CFG_STEP, CFG_UNKNOWN, checkConfig, checkField, defaultConfig, FIELDS,
  fieldIndex, fieldName, N_FIELDS,
} from '../shared/config';
import { configProblem, fieldProblem } from '../host/config-errors';
import { applyAssignments } from '../host/cli/args';

describe('config table', () => {
  it('has the defaults the issue names', () => {
    const c = defaultConfig();
    expect(c.threshold_deg).toBe(15);
    expect(c.hysteresis_deg).toBe(5);
    expect(c.alert_delay_s).toBe(30);
    expect(c.break_min).toBe(45);
    const delay = FIELDS.find((f) => f.name === 'alert_delay_s')!;
    expect([delay.min, delay.max]).toEqual([1, 1800]);
    expect(checkConfig(c)).toBe(0);
  });

  it('every default is inside its own range and a whole number of steps', () => {
    for (const f of FIELDS) {
      expect(checkField(f.name, f.def), f.name).toBe(0);
      expect(f.min).toBeLessThanOrEqual(f.max);
      expect(Number.isInteger(f.max * f.scale)).toBe(true);
    }
    expect(new Set(FIELDS.map((f) => f.name)).size).toBe(FIELDS.length);
  });

  it('the compact table, names and indexes agree both ways', () => {
    expect(FIELDS).toHaveLength(N_FIELDS);
    for (let i = 0; i < N_FIELDS; i++) {
      expect(fieldName(i)).toMatch(/^[a-z_][a-z0-9_]*$/);
      expect(fieldIndex(fieldName(i))).toBe(i);
    }
    // Substrings, joined names and separators never match a field.
    for (const bad of ['', ',', 'threshold', 'deg', 'threshold_deg,hysteresis_deg', 'rate_hz,', 'mode ']) {
      expect(fieldIndex(bad), bad).toBe(-1);
    }
    expect(fieldIndex(3 as unknown as string)).toBe(-1);
  });

  it('answers each kind of bad value with its code', () => {
    expect(checkField('nope', 1)).toBe(CFG_UNKNOWN);
    expect(checkField('threshold_deg', NaN)).toBe(CFG_NOT_NUMBER);
    expect(checkField('threshold_deg', 15.5)).toBe(CFG_STEP);
    expect(checkField('threshold_deg', 61)).toBe(CFG_RANGE);
    expect(checkField('threshold_deg', 2)).toBe(CFG_RANGE);
    expect(checkField('rate_hz', 30)).toBe(CFG_RATE);
    expect(checkField('rate_hz', 12.5)).toBe(0);
    expect(checkField('rate_hz', 12.55)).toBe(CFG_STEP);
    expect(checkConfig({ ...defaultConfig(), hysteresis_deg: 15 }) >> 8).toBe(CFG_HYSTERESIS);
    expect(checkConfig({ ...defaultConfig(), alert_delay_s: 0 })).toBe(CFG_RANGE * 256 + 2);
  });

  it('words every code with the field and the allowed range', () => {
    expect(fieldProblem('alert_delay_s', 5000)).toBe('alert_delay_s = 5000 is out of range 1..1800 s');
    expect(fieldProblem('threshold_deg', 15.5)).toBe('threshold_deg must be a multiple of 1 deg, got 15.5');
    expect(fieldProblem('nope', 1)).toMatch(/^unknown config field "nope"\. Fields: threshold_deg, /);
    expect(fieldProblem('threshhold_deg', 1)).toMatch(/^unknown config field "threshhold_deg": did you mean threshold_deg\? Fields: /);
    expect(configProblem({ ...defaultConfig(), hysteresis_deg: 20, threshold_deg: 10 })).toBe('hysteresis_deg (20) must be below threshold_deg (10)');
    expect(configProblem(defaultConfig())).toBe('');
  });

  it('parses name=value assignments and refuses malformed ones', () => {
    expect(applyAssignments(defaultConfig(), ['threshold_deg=20', 'rate_hz=50']).threshold_deg).toBe(20);
    expect(() => applyAssignments(defaultConfig(), ['threshold_deg'])).toThrow(/expected name=value/);
    expect(() => applyAssignments(defaultConfig(), ['threshold_deg=abc'])).toThrow(/threshold_deg must be a number, got "abc"/);
    expect(() => applyAssignments(defaultConfig(), ['nope=abc'])).toThrow(/unknown config field "nope"/);
    // Names in any case; a field given twice refused; the mode by name.
    expect(applyAssignments(defaultConfig(), ['THRESHOLD_DEG=20']).threshold_deg).toBe(20);
    expect(() => applyAssignments(defaultConfig(), ['threshold_deg=20', 'threshold_deg=25'])).toThrow(/threshold_deg is given twice \(20 and 25\): give it once/);
    expect(applyAssignments(defaultConfig(), ['mode=tracking']).mode).toBe(1);
    expect(applyAssignments(defaultConfig(), ['mode=Coaching']).mode).toBe(0);
    expect(() => applyAssignments(defaultConfig(), ['mode=sleep'])).toThrow(/mode must be coaching or tracking \(or 0 or 1\), got "sleep"/);
    expect(() => applyAssignments(defaultConfig(), ['mode=2'])).toThrow(/mode must be coaching or tracking \(0 or 1\), got 2/);
  });
});

describe('the host zod schema mirrors the shared table', () => {
  it('accepts every default and every bound, refuses just outside, and knows no other field', async () => {
    const { configSchema } = await import('../host/link/schemas');
    expect(configSchema.safeParse(defaultConfig()).success).toBe(true);
    for (const f of FIELDS) {
      for (const v of [f.min, f.max]) expect(configSchema.safeParse({ ...defaultConfig(), [f.name]: v }).success, `${f.name}=${v}`).toBe(true);
      for (const v of [f.min - 1, f.max + 1]) expect(configSchema.safeParse({ ...defaultConfig(), [f.name]: v }).success, `${f.name}=${v}`).toBe(false);
    }
    expect(configSchema.safeParse({ ...defaultConfig(), extra: 1 }).success).toBe(false);
    expect(Object.keys(configSchema.shape).sort()).toEqual(FIELDS.map((f) => f.name).sort());
  });
});

describe('times of day in the prescription', () => {
  it('are written 10:30 or none, stored as hhmm, shown back the same way; a bad one says how to write it', async () => {
    const { applyAssignments } = await import('../host/cli/args');
    const { showValue } = await import('../shared/config-docs');
    const c = applyAssignments(defaultConfig(), ['ex_time_1=10:30', 'ex_time_2=7:05', 'ex_time_3=none']);
    expect([c.ex_time_1, c.ex_time_2, c.ex_time_3]).toEqual([1030, 705, 0]);
    expect([showValue('ex_time_1', 1030), showValue('ex_time_2', 705), showValue('ex_time_3', 0)]).toEqual(['10:30', '7:05', 'none']);
    expect(() => applyAssignments(defaultConfig(), ['ex_time_1=10:75'])).toThrow(/time of day such as 9:30, got 10:75: its minutes must be under 60/);
    expect(() => applyAssignments(defaultConfig(), ['ex_time_1=24:00'])).toThrow(/time of day from 0:01 to 23:59/);
    expect(() => applyAssignments(defaultConfig(), ['ex_time_1=noon'])).toThrow(/a time of day such as 9:30, or none, got "noon"/);
  });
});
