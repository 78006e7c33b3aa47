// Weeks of history end to end: a clip worn longer than its minute ring holds, pulled over a
// pty with the real `posture` process; the hourly summaries fill the days the minutes lost,
// and agree with the minutes where both exist.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frame } from '../shared/protocol';
import { loadDeviceLog } from '../host/archive/load';
import { posture } from './helpers/cli';
import { startSimulate } from './helpers/sim-process';

const dir = mkdtempSync(join(tmpdir(), 'posture-hours-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hourly summaries from a clip pulled late', () => {
  it('pull fetches hours.bin; report and export show the days whose minutes were dropped', async () => {
    const file = join(dir, 'flash.json');
    const { createVirtualDevice } = await import('../host/sim/virtual-device');
    const { SCENARIOS } = await import('../host/commands/simulate/index');
    const dev = createVirtualDevice({ scenario: SCENARIOS.slouch, speed: 0, storageFile: file });
    dev.input(frame(JSON.stringify({ i: 1, c: 'clock', ms: Date.UTC(2026, 10, 2, 6) })));
    dev.input(frame(JSON.stringify({ i: 2, c: 'calibrate' })));
    dev.advance(20 * 3600_000); // worn 20 h: more than the minute ring keeps
    dev.stop();

    const link = join(dir, 'clip');
    const arch = join(dir, 'archive');
    const sim = await startSimulate(['--speed', '1', '--link', link, '--scenario', 'slouch', '--storage', file]);
    let r;
    try {
      const out = posture(['pull', '--archive', arch, '--json', '--port', link]);
      expect(out.status, out.stderr).toBe(0);
      r = JSON.parse(out.stdout);
      const info = posture(['info', '--port', link]);
      expect(info.stdout).toMatch(/hourly log\s+\d+ records/);
      // Pulling again adds only what the clip logged since (it keeps running), no duplicate, no gap.
      const again = JSON.parse(posture(['pull', '--archive', arch, '--json', '--port', link]).stdout);
      expect([again.hourlyLog.addedRecords, again.hourlyLog.heldRecords]).toEqual([0, r.hourlyLog.heldRecords]);
      expect(again.log.heldRecords).toBe(r.log.heldRecords + again.log.addedRecords);
      expect(again.log.gaps).toEqual(r.log.gaps);
    } finally {
      await sim.stop();
    }
    expect(r.log.gaps.length).toBe(1); // the minutes lost their first hours
    expect(r.hourlyLog.gaps).toEqual([]);
    expect(r.hourlyLog.heldRecords).toBeGreaterThanOrEqual(19); // the 20th hour is still open

    const log = loadDeviceLog(arch, r.clipId);
    const minuteHours = new Set(log.minutes.map((m) => Math.floor(m.t / 3600)));
    expect(minuteHours.has(Math.floor(Date.UTC(2026, 10, 2, 6) / 3600000))).toBe(false);
    // Where the archive has every minute of an hour (those after the hour its oldest minute is
    // in; minutes wholly off have no record), the clip's hourly record says the same.
    let compared = 0;
    const firstHour = Math.floor(log.minutes[0].t / 3600) * 3600;
    for (const h of log.hours) {
      if (h.t <= firstHour) continue;
      const hm = log.minutes.filter((m) => Math.floor(m.t / 3600) * 3600 === h.t);
      for (const k of ['upright', 'slouch', 'moving', 'lying'] as const) expect(h[k], k).toBe(Math.round(hm.reduce((a, m) => a + m[k], 0) / 15) * 15);
      for (const k of ['alerts', 'corrected'] as const) expect(h[k], k).toBe(hm.reduce((a, m) => a + m[k], 0));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(2);

    const rep = posture(['report', '--archive', arch, '--json', '--utc-offset', '+00:00']);
    expect(rep.status, rep.stderr).toBe(0);
    const d = JSON.parse(rep.stdout).clips[0];
    expect(d.history.hoursFromSummaries).toBeGreaterThanOrEqual(5);
    expect(d.history.days[0]).toMatchObject({ day: '2026-11-02' });
    expect(d.period.first).toBe('2026-11-02T06:00:00.000Z');
    const wornH = d.history.days.reduce((a: number, x: { wornMinutes: number }) => a + x.wornMinutes, 0) / 60;
    expect(wornH).toBeGreaterThan(18);
    const html = posture(['report', '--archive', arch, '--utc-offset', '+00:00', '--out', join(dir, 'r.html')]);
    expect(html.status, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/with the hourly summaries: 2 day\(s\), worn \d+ h/);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/Every day the clip kept/);

    const ex = posture(['export', '--csv', '--level', 'hours', '--archive', arch, '--out', join(dir, 'hours.csv')]);
    expect(ex.status, ex.stderr).toBe(0);
    const rows = readFileSync(join(dir, 'hours.csv'), 'utf8').trim().split('\r\n');
    expect(rows[0]).toBe('device_id,seq,hour_start_s,hour_start_utc,clock_set,upright_s,slouch_s,moving_s,lying_s,off_s,upper_back_flexion_mean_deg,upper_back_flexion_max_deg,alerts,corrections,exercise_reps,exercise_sets');
    expect(rows.length - 1).toBe(r.hourlyLog.heldRecords);
    expect(rows[1]).toMatch(/,2026-11-02T06:00:00.000Z,1,/);
  }, 120_000);
});
