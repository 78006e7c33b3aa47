// `npm start` end to end, as a new user runs it: the virtual clip on a pty, the whole chain,
// and the HTML report at the end (the build itself is skipped: the suite has just built).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../host/paths';
import { haveSocat } from '../host/sim/pty';
import { loadDeviceLog } from '../host/archive/load';
import { deviceReport } from '../host/report/data';
import { figureDisagreements } from './helpers/figure-agreement';

const dir = mkdtempSync(join(tmpdir(), 'posture-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(haveSocat())('npm start', () => {
  it('runs the chain on the virtual clip and writes the report, in under a minute', async () => {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href, join(repoRoot, 'host', 'cli', 'demo-start.ts'), '--no-build'], {
      cwd: dir, encoding: 'utf8', timeout: 90_000, env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status, r.stderr + r.stdout.slice(-2000)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(60_000);
    for (const step of ['$ npx posture clock --set', '$ npx posture calibrate', '$ npx posture stream', '$ npx posture pull', '$ npx posture report']) expect(r.stdout).toContain(step);
    expect(r.stdout).toMatch(/calibrated: upper back/);
    expect(r.stdout).toMatch(/You wore the clip for \d+ min/);
    const html = readFileSync(join(dir, 'demo-report.html'), 'utf8');
    expect(html).toContain('data-chart="timeline"');
    const [id] = readdirSync(join(dir, 'demo-archive'));
    expect(existsSync(join(dir, 'demo-archive', id, 'records.bin'))).toBe(true);
    expect(readdirSync(join(dir, 'demo-archive', id, 'samples')).length).toBe(1);
    // Pulled from the clip's own log: every figure agrees, and the log keeps the event grammar.
    const archive = join(dir, 'demo-archive');
    const log = loadDeviceLog(archive, id);
    expect(log.events.length).toBeGreaterThan(5);
    expect(await figureDisagreements(archive, log, deviceReport(log, 0))).toEqual([]);
    // The prescription the clip reported at the pull is kept for the report.
    expect(JSON.parse(readFileSync(join(dir, 'demo-archive', id, 'state.json'), 'utf8')).device.config.threshold_deg).toBe(15);
  }, 100_000);
});
