import { describe, expect, it } from 'vitest';
import { createButton, G_LONG, G_PRESS, G_TRIPLE } from '../firmware/button';
import { CAP_MS_PER_MIN, createMotor, P_DOUBLE, P_ESCALATE, P_LONG, P_SHORT, patternMs } from '../firmware/motor';
import { createFakeHal, motorOnMs } from './helpers/fake-hal';

describe('motor', () => {
  it('is off at creation and after each pattern, at the configured strength while on', () => {
    const hal = createFakeHal();
    const m = createMotor(hal, CAP_MS_PER_MIN);
    expect(hal.motorLog[0]).toEqual([0, 0]);
    m.play(P_DOUBLE, 60);
    hal.advance(2000);
    const duties = hal.motorLog.map((e) => e[1]);
    expect(duties.filter((d) => d > 0)).toEqual([0.6, 0.6]);
    expect(duties.at(-1)).toBe(0);
    expect(motorOnMs(hal.motorLog, 0, 2000)).toBe(300);
  });

  it.each([
    [P_SHORT, 200],
    [P_DOUBLE, 300],
    [P_LONG, 600],
    [P_ESCALATE, 700],
  ])('pattern %i plays %i ms of vibration', (p, ms) => {
    const hal = createFakeHal();
    const m = createMotor(hal, CAP_MS_PER_MIN);
    expect(m.play(p, 80)).toBe(ms);
    hal.advance(5000);
    expect(motorOnMs(hal.motorLog, 0, 5000)).toBe(ms);
  });

  it('never runs more than the cap in a minute, however often it is asked', () => {
    const hal = createFakeHal();
    const m = createMotor(hal, CAP_MS_PER_MIN);
    for (let i = 0; i < 40; i++) {
      m.play(P_LONG, 100);
      hal.advance(1000);
    }
    expect(motorOnMs(hal.motorLog, 0, 40000)).toBe(CAP_MS_PER_MIN);
    hal.advance(30000);
    m.play(P_LONG, 100); // a new minute: allowed again
    hal.advance(1000);
    expect(motorOnMs(hal.motorLog, 60000, 80000)).toBe(600);
  });

  it('stop() switches it off at once, mid-pattern', () => {
    const hal = createFakeHal();
    const m = createMotor(hal, CAP_MS_PER_MIN);
    m.play(P_LONG, 100);
    hal.advance(100);
    m.stop();
    expect(m.on).toBe(0);
    expect(hal.motorLog.at(-1)![1]).toBe(0);
    hal.advance(2000);
    expect(motorOnMs(hal.motorLog, 0, 3000)).toBe(100);
    expect(patternMs(P_LONG)).toEqual([600]);
    expect(patternMs(P_DOUBLE)).toEqual([150, 150, 150]);
    expect(patternMs(P_ESCALATE)).toEqual([100, 100, 200, 100, 400]);
    expect(patternMs(99)).toEqual(patternMs(P_SHORT));
  });
});

describe('button gestures', () => {
  const setup = () => {
    const hal = createFakeHal();
    const got: number[] = [];
    const b = createButton(hal, (g) => got.push(g));
    hal.onButton(b.edge);
    return { hal, got };
  };

  it('a short press is a press, once the multi-press window has passed', () => {
    const { hal, got } = setup();
    hal.press(150);
    expect(got).toEqual([]);
    hal.advance(700);
    expect(got).toEqual([G_PRESS]);
  });

  it('holding 2 s or more is a long press, at once', () => {
    const { hal, got } = setup();
    hal.press(2100);
    expect(got).toEqual([G_LONG]);
    hal.advance(1000);
    expect(got).toEqual([G_LONG]);
  });

  it('three quick presses toggle the mode and do not also snooze', () => {
    const { hal, got } = setup();
    for (let i = 0; i < 3; i++) {
      hal.press(100);
      hal.advance(200);
    }
    hal.advance(1000);
    expect(got).toEqual([G_TRIPLE]);
  });

  it('a held-but-not-long press (1-2 s) does nothing', () => {
    const { hal, got } = setup();
    hal.press(1500);
    hal.advance(1000);
    expect(got).toEqual([]);
  });
});
