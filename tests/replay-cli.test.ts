// `posture replay` end to end: the real executable on files, its errors, and the emitted
// script that must print byte-identical JSON under node (and under Espruino when ESPRUINO
// names an interpreter binary).
import { eventLineOutput } from '../host/log/event-output';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, OFFICE_SCRIPT, toCsv } from '../host/sim/scenario';
import { posture } from './helpers/cli';

let dir: string;
let office: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'posture-replay-'));
  office = join(dir, 'office.csv');
  writeFileSync(office, '# device: test\n' + toCsv(generate(OFFICE_SCRIPT, { rateHz: 25, rotationDeg: 40, seed: 7 })));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('posture replay', () => {
  it('prints one event per line and a summary', () => {
    const r = posture(['replay', office]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/calibrated/);
    expect(r.stdout).toMatch(/alert\s+level=1 buzz=true/);
    expect(r.stdout).toMatch(/18050 samples at 25\.0 Hz/);
  });

  it('--json gives one object per line with t_ms and type, alerts included', () => {
    const r = posture(['replay', office, '--json']);
    expect(r.status).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { t_ms: number; type: string });
    // Each line is exactly one of the documented forms (docs/json.md), nothing more.
    for (const e of events) expect(eventLineOutput.parse(e)).toEqual(e);
    expect(events.filter((e) => e.type === 'alert').length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < events.length; i++) expect(events[i].t_ms).toBeGreaterThanOrEqual(events[i - 1].t_ms);
  });

  it('--set changes the outcome: a 20 s delay alerts more than 30 s, a 40 deg threshold never', () => {
    const count = (args: string[]) =>
      posture(['replay', office, '--json', ...args]).stdout.trim().split('\n').filter((l) => l.includes('"alert"')).length;
    expect(count(['--set', 'alert_delay_s=10'])).toBeGreaterThan(count([]));
    expect(count(['--set', 'threshold_deg=40'])).toBe(0);
  });

  it('--calibrate picks the window', () => {
    const r = posture(['replay', office, '--json', '--calibrate', '1000-4000']);
    const cal = r.stdout.split('\n').find((l) => l.includes('"calibrated"'))!;
    // The window closes with the first 0.4 s block that ends at or after 4000 ms.
    expect(JSON.parse(cal).t_ms).toBeGreaterThanOrEqual(4000);
    expect(JSON.parse(cal).t_ms).toBeLessThan(4400);
  });

  const bad: [string, string[] | (() => string[]), RegExp][] = [
    ['missing columns', () => [file('m.csv', 't_ms,ax_g,ay_g,az_g\n0,0,0,1\n40,0,1\n')], /line 3: expected 4 columns/],
    ['a non-number', () => [file('n.csv', 't_ms,ax_g,ay_g,az_g\n0,0,0,1\n40,0,x,1\n')], /line 3: ay_g is not a number: "x"/],
    ['time going backwards', () => [file('b.csv', 't_ms,ax_g,ay_g,az_g\n0,0,0,1\n40,0,0,1\n20,0,0,1\n')], /line 4: time goes backwards/],
    ['an empty file', () => [file('e.csv', '')], /empty file/],
    ['a header only', () => [file('h.csv', 't_ms,ax_g,ay_g,az_g\n')], /no samples/],
    ['a wrong header', () => [file('w.csv', 'time,x,y,z\n0,0,0,1\n')], /line 1: header must be/],
    ['an unknown config name', () => [office, '--set', 'treshold_deg=10'], /unknown config field "treshold_deg": did you mean threshold_deg\? Fields: threshold_deg/],
    ['an out-of-range value', () => [office, '--set', 'alert_delay_s=0'], /alert_delay_s = 0 is out of range 1\.\.1800 s/],
    ['hysteresis above threshold', () => [office, '--set', 'hysteresis_deg=15'], /hysteresis_deg \(15\) must be below threshold_deg \(15\)/],
    ['a bad calibration window', () => [office, '--calibrate', '5000-1000'], /END_MS must be after START_MS/],
    ['a missing file', () => [join(dir, 'nope.csv')], /cannot read .*nope\.csv: no such file \(check the path\)/],
    ['an unknown flag', () => [office, '--frobnicate'], /Unknown option '--frobnicate'/],
  ];
  it.each(bad)('rejects %s with one line and exit code 2', (_what, args, msg) => {
    const r = posture(['replay', ...(typeof args === 'function' ? args() : args)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('replay --at', () => {
  const events = (args: string[]) => {
    const r = posture(['replay', office, '--json', ...args]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // no grammar warning
    return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { t_ms: number; type: string; reason?: string; a?: number });
  };

  it('applies each change at its time, keeping the running episode, and logs it like the clip', () => {
    const plain = events([]);
    const t0 = plain[0].t_ms - 360; // the first block ends 360 ms after the first sample
    // 9:00 falls inside a held slouch (08:25 on): a 40 deg threshold ends it as a prescription change.
    const ev = events(['--at', '9:00', 'threshold_deg=40', '--at', '0:03:50', 'alert_delay_s=5']);
    const cfg = ev.filter((e) => e.type === 'config');
    expect(cfg.map((e) => e.t_ms - t0)).toEqual([230_000, 540_000]);
    expect(cfg.map((e) => e.a! & 255)).toEqual([2, 0]); // alert_delay_s, threshold_deg
    const end = ev.find((e) => e.type === 'slouch_end' && e.t_ms > cfg[1].t_ms)!;
    expect(end.reason).toBe('config');
    expect(end.t_ms - cfg[1].t_ms).toBeLessThanOrEqual(400); // at the next block
    // Before the first change, the two replays agree event for event.
    expect(ev.filter((e) => e.t_ms < cfg[0].t_ms)).toEqual(plain.filter((e) => e.t_ms < cfg[0].t_ms));
    // A snooze silences the alert that came 30 s into the slouch at 01:22.
    const alertsIn = (list: typeof ev, from: number, to: number) => list.filter((e) => e.type === 'alert' && e.t_ms - t0 >= from && e.t_ms - t0 < to).length;
    expect(alertsIn(plain, 100_000, 120_000)).toBe(1);
    expect(alertsIn(events(['--at', '1:00', 'snooze=2']), 100_000, 120_000)).toBe(0);
  });

  it('refuses a bad time, a bad change, a change of rate and a time past the end, clearly (exit 2)', () => {
    const cases: [string[], RegExp][] = [
      [['--at', '10:75', 'snooze'], /10:75 is not a time; write minutes:seconds/],
      [['--at', '1:00', 'nap'], /expected name=value\[,name=value\.\.\.\], snooze/],
      [['--at', '1:00', 'threshold_deg=99'], /--at 1:00 threshold_deg=99: threshold_deg = 99 is out of range 3\.\.60/],
      [['--at', '1:00', 'rate_hz=50'], /sample rate is fixed/],
      [['--at', '2:00:00', 'snooze'], /the recording lasts only 00:12:01/],
      [['--at', '1:00'], /--at takes a time and a change/],
      [['--at', '1:00', 'snooze', '--emit-script', join(dir, 'x.js')], /--emit-script replays one prescription/],
    ];
    for (const [args, msg] of cases) {
      const r = posture(['replay', office, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});

describe('replay --emit-script', () => {
  it('prints byte-identical JSON under node (and under Espruino when ESPRUINO is set)', () => {
    const script = join(dir, 'run.js');
    const cli = posture(['replay', office, '--json', '--set', 'alert_delay_s=20', '--emit-script', script]);
    expect(cli.status).toBe(0);
    const node = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
    expect(node.status).toBe(0);
    expect(node.stdout).toBe(cli.stdout);
    expect(cli.stdout.split('\n').length).toBeGreaterThan(20);
    const esp = process.env.ESPRUINO;
    if (esp) {
      const r = spawnSync(esp, [script], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
      // Espruino prints a banner and ends lines with \r\n; the JSON lines must match exactly.
      const lines = r.stdout.replace(/\r/g, '').split('\n').filter((l) => l.startsWith('{'));
      expect(lines.join('\n') + '\n').toBe(cli.stdout);
    }
  });
});

describe('replay --compare', () => {
  it('tabulates every combination, each identical to a plain replay with those settings', () => {
    const r = posture(['replay', office, '--json', '--compare', 'threshold_deg=10,20', 'alert_delay_s=10,60']);
    expect(r.status, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as { rows: { settings: string[]; alerts: number; uprightPct: number }[] };
    expect(c.rows.map((x) => x.settings.join(' '))).toEqual([
      'threshold_deg=10 alert_delay_s=10', 'threshold_deg=10 alert_delay_s=60',
      'threshold_deg=20 alert_delay_s=10', 'threshold_deg=20 alert_delay_s=60',
    ]);
    for (const row of c.rows) {
      const plain = posture(['replay', office, '--json', ...row.settings.flatMap((s) => ['--set', s])]);
      const alerts = plain.stdout.split('\n').filter((l) => l.includes('"type":"alert"')).length;
      expect(row.alerts, row.settings.join(' ')).toBe(alerts);
    }
    expect(c.rows[0].alerts).toBeGreaterThan(c.rows[3].alerts); // stricter settings nag more
    expect(c.rows[2].uprightPct).toBeGreaterThan(c.rows[0].uprightPct);
  });

  it('refuses a bad spec or an invalid value before any work', () => {
    expect(posture(['replay', office, '--compare', 'threshold_deg']).stderr).toMatch(/expected name=v1,v2/);
    const r = posture(['replay', office, '--compare', 'threshold_deg=10,99']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/threshold_deg = 99 is out of range/);
  });
});
