// Every `npx posture` example in README.md, run as printed, in the order a reader meets them,
// against a virtual clip. POSTURE_PORT stands for the one clip a reader has plugged in (the
// README says --port is needed only with more than one). Two liberties, both in the arguments
// a reader would choose: a recording's --duration is cut to a few seconds (the clip runs 60
// times fast, so that is minutes of data), and placeholders in capitals are skipped. The
// console runs until Ctrl-C: it is started with --no-open (no browser in a test), must print
// its address, and is stopped with Ctrl-C (SIGINT).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../host/paths';
import { spawn } from 'node:child_process';
import { posture, POSTURE } from './helpers/cli';
import { startSimulate } from './helpers/sim-process';

/** The README's commands in document order: lines of sh blocks and inline code spans. */
export function readmeExamples(md: string): string[] {
  const out: string[] = [];
  let inSh = false;
  for (const line of md.split('\n')) {
    if (/^```sh/.test(line)) inSh = true;
    else if (/^```/.test(line)) inSh = false;
    else if (inSh) {
      const cmd = line.replace(/\s+#.*$/, '').trim();
      if (cmd.startsWith('npx posture ')) out.push(cmd);
    } else for (const m of line.matchAll(/`(npx posture [^`]*)`/g)) out.push(m[1]);
  }
  return out.filter((c) => !/\b[A-Z]{3,}\b/.test(c.replace(/^npx posture /, '')));
}

/** A command that runs until Ctrl-C: started, its first lines read, then stopped; exit code 0. */
async function untilCtrlC(args: string[], cwd: string): Promise<string> {
  const p = spawn(process.execPath, [POSTURE, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  p.stdout.on('data', (d) => (out += d));
  for (const t0 = Date.now(); !out.includes('Ctrl-C') && p.exitCode === null && Date.now() - t0 < 30_000; ) await new Promise((r) => setTimeout(r, 50));
  const code = await new Promise<number | null>((r) => {
    if (p.exitCode !== null) return r(p.exitCode);
    p.once('exit', r);
    p.kill('SIGINT');
  });
  expect(code, out).toBe(0);
  return out;
}

const examples = readmeExamples(readFileSync(join(repoRoot, 'README.md'), 'utf8'));
let dir: string;
let sim: Awaited<ReturnType<typeof startSimulate>>;
const port = () => join(dir, 'clip');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'posture-readme-'));
  sim = await startSimulate(['--speed', '60', '--link', port(), '--scenario', 'slouch']);
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('README examples', () => {
  it('finds the guides\' commands', () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
    for (const c of ['info', 'clock', 'config', 'calibrate', 'buzz', 'lock', 'pull', 'report', 'reset', 'export', 'stream', 'replay']) {
      expect(examples.some((e) => new RegExp(`^npx posture ${c}(\\s|$)`).test(e)), c).toBe(true);
    }
  });

  it('runs every one as printed, in order, each with exit code 0 and no warning of a bug', async () => {
    // The wearer's report reads an archive the reader pulled before; that pull is the one step added.
    expect(posture(['pull', '--archive', 'my-archive'], { cwd: dir, env: { POSTURE_PORT: port() } }).status).toBe(0);
    for (const e of examples) {
      const args = e.replace(/^npx posture /, '').split(/\s+/).map((a, i, all) => (all[i - 1] === '--duration' ? '5' : a));
      if (args[0] === 'console') {
        expect(await untilCtrlC([...args, '--no-open'], dir), e).toMatch(/^Posture Coach console: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
        continue;
      }
      const r = posture(args, { cwd: dir, env: { POSTURE_PORT: port() } });
      expect(r.status, `${e}\n${r.stderr}`).toBe(0);
      expect(r.stderr, e).not.toMatch(/unexpected error|at .*\.ts:\d+/);
    }
  }, 300_000);
});
