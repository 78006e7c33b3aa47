// `posture report`: the numbers (JSON) agree with the metrics and with each other, the HTML
// is self-contained and draws every chart, and bad flags get clear errors.
import { reportJson, reportOutput } from '../host/commands/report/output';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDeviceLog } from '../host/archive/load';
import { reportCommand, parseUtcOffset } from '../host/commands/report/index';
import { archiveMetrics } from '../host/metrics/archive-metrics';
import { deviceReport } from '../host/report/data';
import { duration, renderReport, wearerSummary } from '../host/report/html';
import { hourSpan } from '../host/report/charts';
import { writeSyntheticArchive } from '../host/sim/synthetic-archive';
import { formatSampleRow, SAMPLES_HEADER_GYRO } from '../host/replay/samples-csv';
import { posture } from './helpers/cli';
import { figureDisagreements } from './helpers/figure-agreement';

const dir = mkdtempSync(join(tmpdir(), 'posture-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const START = Date.UTC(2026, 10, 2);
const ID = 'a1b2c3d4';
const arch = join(dir, 'arch');
writeSyntheticArchive(arch, { id: ID, days: 4, start: START, seed: 3 });

describe('report data', () => {
  const log = loadDeviceLog(arch, ID);
  const rep = deviceReport(log, 60);

  it('is the metrics of the archive, with a timeline that adds up to them', () => {
    expect(rep.metrics).toEqual(archiveMetrics(log.minutes, log.events, 60));
    expect(rep.period.days).toBe(4);
    expect(rep.timeline.map((d) => d.day)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    const logged = rep.timeline.reduce((n, d) => n + d.minutes.replace(/\./g, '').length, 0);
    expect(logged).toBe(log.minutes.length);
    const alerts = rep.timeline.reduce((n, d) => n + d.alerts.length, 0);
    expect(alerts).toBe(rep.metrics.alerts.count);
    // Work starts at 09:00 UTC, which is minute 600 of the day at UTC+01:00.
    expect(rep.timeline[0].minutes.indexOf('.')).toBe(0);
    expect(rep.timeline[0].minutes.search(/[usmlo]/)).toBe(600);
    // Histogram: the still minutes of the archive, every one of them.
    const still = log.minutes.reduce((n, m) => n + (m.upright + m.slouch) / 60, 0);
    expect(rep.histogram.bins.reduce((n, b) => n + b.minutes, 0)).toBeCloseTo(still, 6);
    expect(rep.histogram.source).toBe('minutes');
  });

  it('gives one count for every figure: key figures, per-day and per-hour tables, history, exports', async () => {
    expect(await figureDisagreements(arch, log, rep)).toEqual([]);
    expect(rep.metrics.episodes.count).toBeGreaterThan(20);
  });

  it('fits the timeline\'s hours to the data', () => {
    const day = (from: number, to: number) => ({ day: '2026-11-02', minutes: '.'.repeat(from) + 'u'.repeat(to - from) + '.'.repeat(1440 - to), alerts: [], changes: [] });
    expect(hourSpan([day(3 * 60 + 10, 3 * 60 + 33)])).toEqual([3, 5]); // 23 minutes: not 03:00-09:00
    expect(hourSpan([day(9 * 60, 17 * 60 + 30)])).toEqual([9, 18]);
    expect(hourSpan([day(6 * 60 + 30, 22 * 60)])).toEqual([6, 24]); // over 12 h: on 3-hour steps
    expect(hourSpan([day(23 * 60 + 40, 1440)])).toEqual([22, 24]);
  });

  it('shows the prescription reported at the pull and the change logged on day 2', () => {
    expect(rep.prescription.config.threshold_deg).toBe(12);
    expect(rep.prescription.config.break_min).toBe(45); // a default, not reported
    expect(rep.prescription.changes).toEqual([
      // The exercise programme, prescribed before the first day (one change of three fields).
      { t: Date.parse('2026-11-02T08:58:30.000Z'), at: '2026-11-02T08:58:30.000Z', fields: [{ field: 'ex_extension_deg', old: 0, value: 15 }, { field: 'ex_side_deg', old: 0, value: 15 }, { field: 'ex_sets', old: 2, value: 1 }] },
      { t: Date.parse('2026-11-03T08:59:00.000Z'), at: '2026-11-03T08:59:00.000Z', fields: [{ field: 'threshold_deg', old: 15, value: 12 }] },
    ]);
    expect(rep.timeline[1].changes).toEqual([9 * 60 + 59]);
  });

  it('shows the exercise programme day by day: sets against the prescribed, reps, angle and hold against target', () => {
    const x = rep.exercise;
    const ev = (type: number) => log.events.filter((e) => e.type === type);
    expect(x.prescribed).toBe(true);
    expect(x.days.map((d) => d.day)).toEqual(rep.metrics.perDay.map((d) => d.key));
    expect(x.reps).toBe(ev(17).length);
    expect(x.setsDone).toBe(ev(18).filter((e) => e.b >> 4 === 1).length);
    expect(x.reps).toBeGreaterThan(0);
    // One set of each a day (ex_sets 1, both exercises prescribed before the first day).
    expect(x.setsPrescribed).toBe(2 * x.days.length);
    for (const d of x.days) {
      expect(d.extension).toMatchObject({ setsPrescribed: 1, targetDeg: 15, holdTargetS: 5 });
      if (d.extension.reps) expect(d.extension.peakDegMean!).toBeGreaterThanOrEqual(16);
    }
    const html = renderReport({ generated: new Date(START).toISOString(), utcOffsetMin: 60, devices: [rep] });
    expect(html).toContain('<h3>Exercises</h3>');
    expect(wearerSummary(rep).join(' ')).toMatch(new RegExp(`You did ${x.setsDone} of the ${x.setsPrescribed} exercise sets your therapist asked for`));
  });

  it('says in plain words whether it got better', () => {
    const words = wearerSummary(rep).join(' ');
    expect(words).toMatch(/You wore the clip for \d+ h \d\d min over 4 days\./);
    expect(words).toMatch(/upright \d+% of the time/);
    // The synthetic wearer slouches less each day.
    expect(rep.metrics.perDay[3].uprightPct!).toBeGreaterThan(rep.metrics.perDay[0].uprightPct!);
    expect(words).toContain('the coaching is working');
    // Reminders in counts, said from what went well, and one thing to try next.
    expect(words).toMatch(/The clip reminded you \d+ times, and (every time you sat up|\d+ times? you sat up) within a minute\./);
    expect(words).not.toMatch(/\d+% of the reminders/);
    expect(words).toMatch(/To try next: [A-Z]?[a-z]/);
    expect(duration(59.6)).toBe('1 h 00 min');
    expect(duration(5)).toBe('5 min');
  });

  it('takes samples-based inclination from recordings filed under samples/', () => {
    const sdir = join(arch, ID, 'samples');
    mkdirSync(sdir, { recursive: true });
    // 60 s upright (calibration at the start), then 60 s leaning 30 degrees forward.
    const rows = [SAMPLES_HEADER_GYRO];
    let s = 1;
    const noise = () => ((s = (s * 69069 + 1) >>> 0) / 2 ** 32 - 0.5) * 0.03; // a worn clip is never perfectly still
    for (let i = 0; i < 120 * 25; i++) {
      const deg = i < 60 * 25 ? 0 : 30;
      const r = (deg * Math.PI) / 180;
      rows.push(formatSampleRow(i * 40, Math.cos(r) + noise(), noise(), Math.sin(r) + noise(), noise() * 20, noise() * 20, noise() * 20));
    }
    writeFileSync(join(sdir, 'session.csv'), rows.join('\n') + '\n');
    const withSamples = deviceReport(loadDeviceLog(arch, ID), 0);
    rmSync(sdir, { recursive: true });
    expect(withSamples.histogram.source).toBe('samples');
    const inc = withSamples.samples!.inclination;
    expect(withSamples.samples!.files).toHaveLength(1);
    expect(inc.p90).toBeGreaterThan(27);
    expect(inc.p10).toBeLessThan(3);
    expect(inc.above[0].pct).toBeGreaterThan(40); // about half the time above 20 degrees
    expect(inc.above[0].pct).toBeLessThan(55);
    // One EVA angle in the report: the prescribed slouch angle, as the episodes use.
    expect(inc.eva.angle).toBe(withSamples.prescription.config.threshold_deg);
  });
});

describe('report command and HTML', () => {
  it('writes a self-contained page with every chart and the same numbers as --json', async () => {
    const r = await reportCommand({ cwd: dir, archive: 'arch', out: 'r.html', utcOffsetMin: 0, generated: new Date(START + 5 * 86400e3) });
    const html = readFileSync(r.out!, 'utf8');
    for (const c of ['timeline', 'hours', 'trend', 'inclination', 'eva']) expect(html).toContain(`data-chart="${c}"`);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"]+/g)!.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain(`Clip ${ID}`);
    expect(renderReport(r.data)).toBe(html);
    const cli = posture(['report', '--archive', 'arch', '--json', '--utc-offset', 'Z'], { cwd: dir });
    expect(cli.status, cli.stderr).toBe(0);
    const j = JSON.parse(cli.stdout);
    expect(reportOutput.parse(j)).toEqual(j);
    expect(j.clips[0].metrics).toEqual(JSON.parse(JSON.stringify(reportOutput.parse(reportJson(r.data)).clips[0].metrics)));
    expect(j.clips[0].metrics.episodes.count).toBe(r.data.devices[0].metrics.episodes.count);
  });

  it('cuts to --from/--to, days inclusive', async () => {
    const r = await reportCommand({ cwd: dir, archive: 'arch', out: null, utcOffsetMin: 0, from: '2026-11-03', to: '2026-11-04' });
    const d = r.data.devices[0];
    expect(d.timeline.map((t) => t.day)).toEqual(['2026-11-03', '2026-11-04']);
    expect(d.excludedRecords).toBeGreaterThan(0);
    const all = await reportCommand({ cwd: dir, archive: 'arch', out: null, utcOffsetMin: 0 });
    expect(d.metrics.perDay).toEqual(all.data.devices[0].metrics.perDay.slice(1, 3));
    // The cut holds exactly the minutes of those two days (each synthetic minute is worn whole).
    expect(d.metrics.minutes).toBe(all.data.devices[0].metrics.perDay.slice(1, 3).reduce((n, x) => n + x.wornMin, 0));
    expect(d.metrics.alerts.count).toBe(all.data.devices[0].metrics.perDay.slice(1, 3).reduce((n, x) => n + x.alerts, 0));
  });

  it('refuses bad flags and bad archives with a clear message (exit 2)', () => {
    const cases: [string[], RegExp][] = [
      [['report', '--archive', 'arch', '--utc-offset', '1h'], /--utc-offset 1h: expected \+HH:MM/],
      [['report', '--archive', 'arch', '--from', '2026-02-30'], /--from 2026-02-30: expected a date/],
      [['report', '--archive', 'arch', '--from', '2026-13-01'], /--from 2026-13-01: expected a date/],
      [['report', '--archive', 'arch', '--from', '2026-11-05', '--to', '2026-11-04T00:00:00Z'], /is not after --from/],
      [['report', '--archive', 'nowhere'], /no archive at .*nowhere/],
      [['report', '--archive', 'arch', '--device', '../x'], /refusing device id/],
      [['report', '--archive', 'arch', '--device', 'ffffffff'], /no records for device ffffffff/],
    ];
    for (const [args, msg] of cases) {
      const r = posture(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    expect(parseUtcOffset('+05:30')).toBe(330);
    expect(parseUtcOffset('-0800')).toBe(-480);
  });

  it('says where a corrupt archive is broken instead of reporting on part of it', () => {
    const bad = join(dir, 'bad');
    writeSyntheticArchive(bad, { id: ID, days: 1, start: START });
    const bin = join(bad, ID, 'records.bin');
    const b = readFileSync(bin);
    // The record holding byte 300 (events are 26 bytes, minutes 28).
    let at = 0, n = 0;
    while (at + b[at] <= 300) at += b[at];
    const hit = b[at];
    for (let o = 0; o < b.length; o += b[o]) n++;
    b[300] ^= 0xff;
    writeFileSync(bin, b);
    const r = posture(['report', '--archive', 'bad'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/corrupt record at a byte near \d+: give --repair/);
    // --repair keeps every whole record around the damage and a copy of the damaged file.
    const before = n; // records in the file before the damage
    const fixed = posture(['report', '--archive', 'bad', '--json', '--repair'], { cwd: dir });
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(fixed.stderr).toMatch(/repaired a1b2c3d4: 1 damaged span\(s\) left out of records.bin; the original is kept as records\.bin\.damaged-/);
    const d = JSON.parse(fixed.stdout).clips[0];
    expect(d.metrics.minutes + d.metrics.alerts.count).toBeLessThanOrEqual(before);
    expect(readFileSync(bin).length).toBe(b.length - hit);
    expect(readdirSync(join(bad, ID)).some((f) => f.startsWith('records.bin.damaged-'))).toBe(true);
  });
});

describe('report times', () => {
  it('shows times on the report clock, with the zone named', async () => {
    const { localTime, zoneName } = await import('../host/report/html');
    expect(localTime('2026-11-02T09:00:00.000Z', 60)).toBe('2026-11-02 10:00');
    expect(localTime('2026-11-02T23:30:00.000Z', 90)).toBe('2026-11-03 01:00');
    expect(localTime(null, 0)).toBe('–');
    expect(zoneName(0)).toBe('UTC');
    expect(zoneName(-330)).toBe('UTC-05:30');
    const r = await reportCommand({ cwd: dir, archive: 'arch', out: 'tz.html', utcOffsetMin: 60 });
    const html = readFileSync(r.out!, 'utf8');
    expect(html).toContain('2026-11-02 10:00 to 2026-11-05 18:30 (UTC+01:00)');
    expect(html).toContain('<th>when (UTC+01:00)</th>');
    expect(html).toContain('2026-11-03 09:59');
  });
});
