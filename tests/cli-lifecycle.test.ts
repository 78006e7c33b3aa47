// Nothing a command starts outlives it, and a fresh clone needs no build step first: the
// real `posture simulate` in a temporary folder of its own, stopped every way a user stops it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distBundle } from '../host/firmware-dist';
import { haveSocat } from '../host/sim/pty';
import { POSTURE } from './helpers/cli';
import { portHolder } from '../host/link/port-lock';

const dir = mkdtempSync(join(tmpdir(), 'posture-life-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Processes whose command line mentions s (socat, the simulator), from ps. */
function processesWith(s: string): string[] {
  const r = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes(s) && !l.includes('ps -eo'));
}

/** The real simulator with a temporary folder of its own, started and ready. */
async function startSim(prefix: string) {
  const tmp = mkdtempSync(join(dir, prefix));
  const link = join(tmp, 'clip');
  const proc = spawn(process.execPath, [POSTURE, 'simulate', '--link', link, '--speed', '5'], { env: { ...process.env, TMPDIR: tmp } });
  const said = { text: '' };
  proc.stdout.on('data', (d) => (said.text += d));
  for (const t0 = Date.now(); !said.text.includes('Ctrl-C') && Date.now() - t0 < 20_000; ) await new Promise((r) => setTimeout(r, 50));
  return { tmp, link, proc, out: () => said.text };
}

describe.runIf(haveSocat())('posture simulate leaves nothing behind', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('on %s: its socat and its temporary folder go with it', async (signal) => {
    const { tmp, link, proc, out } = await startSim('tmp-');
    expect(out()).toMatch(/flash in memory \(gone at stop; --storage FILE keeps it\)/);
    expect(readdirSync(tmp).some((f) => f.startsWith('posture-sim-'))).toBe(true);
    expect(processesWith(link).length).toBeGreaterThan(0); // its socat
    const code = await new Promise<number | null>((r) => {
      proc.once('exit', (c) => r(c));
      proc.kill(signal);
    });
    expect(code).toBe(0);
    expect(out()).toMatch(/stopped\n$/);
    expect(readdirSync(tmp).filter((f) => f.startsWith('posture-sim-'))).toEqual([]);
    expect(existsSync(link)).toBe(false);
    expect(processesWith(link)).toEqual([]);
  });
});

describe.runIf(haveSocat())('posture simulate killed outright', () => {
  it('on SIGKILL, which it cannot catch: its socat, links and temporary folder still go', async () => {
    const { tmp, link, proc } = await startSim('kill-');
    expect(processesWith(link).some((l) => l.startsWith('socat'))).toBe(true);
    await new Promise((r) => {
      proc.once('exit', r);
      proc.kill('SIGKILL');
    });
    const gone = () => !processesWith(link).length && !existsSync(link) && !readdirSync(tmp).some((f) => f.startsWith('posture-sim-'));
    for (const t0 = Date.now(); !gone() && Date.now() - t0 < 5000; ) await new Promise((r) => setTimeout(r, 50));
    expect(processesWith(link)).toEqual([]);
    expect(existsSync(link)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith('posture-sim-'))).toEqual([]);
  });
});

describe.runIf(haveSocat())('posture console', () => {
  it('holds its clip ("in use by the console" for other commands) and on Ctrl-C frees it and leaves nothing behind', async () => {
    const tmp = mkdtempSync(join(dir, 'console-'));
    const proc = spawn(process.execPath, [POSTURE, 'console', '--no-open', '--clip', 'virtual', '--archive', join(tmp, 'clinic')], { env: { ...process.env, TMPDIR: tmp } });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    for (const t0 = Date.now(); !out.includes('Ctrl-C') && Date.now() - t0 < 30_000; ) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/^Posture Coach console: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}\n/);
    const clip = /clip (\S+) open/.exec(out)![1];
    const other = spawnSync(process.execPath, [POSTURE, 'info', '--port', clip], { encoding: 'utf8' });
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/is in use by the console \(process \d+, http:\/\/127\.0\.0\.1:\d+\/\): use the clip there/);
    expect(other.stderr).not.toMatch(/token/);
    const code = await new Promise<number | null>((r) => {
      proc.once('exit', (c) => r(c));
      proc.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(out).toMatch(/stopped\n$/);
    expect(portHolder(clip)).toBeNull();
    expect(processesWith(clip)).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.startsWith('posture-sim-'))).toEqual([]);
  }, 60_000);
});

describe('firmware bundles on first use', () => {
  it('are built when missing, so a command straight after npm ci works', () => {
    const out = join(dir, 'dist');
    const said: string[] = [];
    const file = distBundle('posture-pico.js', (l) => void said.push(l), out);
    expect(file).toBe(join(out, 'posture-pico.js'));
    expect(existsSync(file)).toBe(true);
    expect(said.join('')).toMatch(/building the firmware bundles/);
    // Present now: no second build.
    said.length = 0;
    distBundle('posture-pico.js', (l) => void said.push(l), out);
    expect(said).toEqual([]);
  }, 120_000);
});
