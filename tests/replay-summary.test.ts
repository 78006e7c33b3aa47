import { describe, expect, it } from 'vitest';
import { compareGrid, summarise } from '../host/metrics/replay-summary';
import { EV_ALERT, EV_CALIBRATED, EV_STATE, ST_MOVING, ST_SLOUCH, ST_UNCAL, ST_UPRIGHT } from '../shared/events';

const ev = (type: number, t: number, a = 0, b = 0) => ({ type, t, a, b });

describe('replay summaries (hand-made events, known answers)', () => {
  it('integrates state time, counts alerts per hour, times the first alert, and the upright share', () => {
    const events = [
      ev(EV_STATE, 0, ST_UNCAL, -1),
      ev(EV_CALIBRATED, 5000),
      ev(EV_STATE, 5000, ST_UPRIGHT, -1),
      ev(EV_STATE, 1_805_000, ST_SLOUCH, ST_UPRIGHT), // 30 min upright
      ev(EV_ALERT, 1_835_000, 1, 1), // 30 s into the slouch
      ev(EV_STATE, 2_405_000, ST_MOVING, ST_SLOUCH), // 10 min slouched
      ev(EV_STATE, 2_705_000, ST_UPRIGHT, ST_MOVING), // 5 min moving
      ev(EV_ALERT, 3_000_000, 1, 1),
    ];
    const s = summarise(events, 3_600_000); // 15 min more upright, 1 h in all
    expect(s.hours).toBe(1);
    expect(s.stateMs).toMatchObject({ uncalibrated: 5000, upright: 1_800_000 + 895_000, slouch: 600_000, moving: 300_000 });
    expect(s.alerts).toBe(2);
    expect(s.alertsPerHour).toBe(2);
    expect(s.firstAlertS).toBe(1830);
    expect(s.uprightPct).toBeCloseTo((100 * 2_695_000) / 3_295_000, 6);
  });

  it('reports no alert and no share when there is nothing to count', () => {
    const s = summarise([ev(EV_STATE, 0, ST_UNCAL, -1)], 1000);
    expect(s.firstAlertS).toBeNull();
    expect(s.uprightPct).toBeNull();
  });

  it('expands --compare specs into every combination', () => {
    expect(compareGrid(['threshold_deg=10,15', 'alert_delay_s=10,30,60'])).toHaveLength(6);
    expect(compareGrid(['threshold_deg=10,15'])).toEqual([['threshold_deg=10'], ['threshold_deg=15']]);
    expect(() => compareGrid(['threshold_deg'])).toThrow(/expected name=v1,v2/);
  });
});
