// Every command against what a user can get wrong: a port that is not there, a port where
// nothing answers, a missing or unreadable file, a damaged archive, an unknown flag. Each gets
// exit 1 or 2, one line that names the fix, and no stack trace or "unexpected error".
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../host/cli/commands';
import { haveSocat } from '../host/sim/pty';
import { writeSyntheticArchive } from '../host/sim/synthetic-archive';
import { posture } from './helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'posture-errors-'));
const silent = join(dir, 'silent');
let socat: ChildProcess | null = null;

beforeAll(async () => {
  // A serial port where nothing answers: one end of a pty pair that no one reads.
  if (haveSocat()) {
    socat = spawn('socat', [`PTY,link=${silent},raw,echo=0`, `PTY,link=${join(dir, 'other-end')},raw,echo=0`], { stdio: 'ignore' });
    for (let k = 0; k < 100 && !existsSync(silent); k++) await new Promise((r) => setTimeout(r, 50));
  }
  writeSyntheticArchive(join(dir, 'arch'), { id: 'a1b2c3d4', days: 1, start: Date.UTC(2026, 10, 2) });
  // A damaged archive: records.bin that is not records.
  mkdirSync(join(dir, 'broken', 'deadbeef'), { recursive: true });
  writeFileSync(join(dir, 'broken', 'deadbeef', 'records.bin'), Buffer.from('this is not a log'));
});
afterAll(() => {
  socat?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** One line to the user, an exit code of 1 or 2, no trace of the code underneath. */
function expectClearError(args: string[], exit: number, msg: RegExp) {
  const r = posture(args, { cwd: dir });
  const lines = r.stderr.trim().split('\n');
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(exit);
  expect(lines.length, `${args.join(' ')}: ${r.stderr}`).toBe(1);
  expect(r.stderr, args.join(' ')).toMatch(msg);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at |Error:|ENOENT|EACCES|Zod/);
}

const DEVICE_COMMANDS = ['info', 'clock', 'calibrate', 'lock', 'unlock', 'buzz', 'snooze', 'stream', 'pull'];
const needs: Record<string, string[]> = { lock: ['--pin', '2468'], unlock: ['--pin', '2468'] };

describe('every command', () => {
  it.each(COMMANDS.map((c) => [c.name]))('%s refuses an unknown flag with its name and exit 2', (name) => {
    expectClearError([name, '--frobnicate'], 2, /frobnicate/);
  });

  it.each(DEVICE_COMMANDS.map((c) => [c]))('%s on a port that is not there says so (exit 1)', (name) => {
    expectClearError([name, ...(needs[name] ?? []), '--port', join(dir, 'no-such-port')], 1, /no serial port at .*no-such-port: check the cable, or run "npx posture ports"/);
  });

  it.runIf(haveSocat()).each(['info', 'pull'].map((c) => [c]))('%s on a port where nothing answers says the clip did not answer (exit 1)', (name) => {
    expectClearError([name, '--port', silent], 1, /does not answer as a posture clip: if it is at the Espruino REPL .* run "npx posture flash --repl/);
  });
});

describe('files a user names', () => {
  it.each([
    [['replay', 'missing.csv'], /cannot read missing\.csv: no such file \(check the path\)/],
    [['replay', '.'], /cannot read \.: it is a folder, not a file/],
    [['config', 'import', 'missing.json', '--port', 'x'], /cannot read missing\.json: no such file/],
    [['report', '--archive', 'nowhere'], /no archive at .*nowhere: run "npx posture pull --archive .*nowhere" first/],
    [['export', '--csv', '--archive', 'nowhere'], /no archive at .*nowhere/],
    [['report', '--archive', 'broken'], /broken|damaged|corrupt|--repair/],
    [['export', '--csv', '--archive', 'arch', '--out', join('no-such-folder', 'x.csv')], /cannot write .*x\.csv: its folder does not exist/],
    [['simulate', '--scenario', 'missing.csv'], /cannot read missing\.csv/],
    [['flash', 'missing.js', '--port', 'x'], /no serial port at x|cannot read/],
    [['console', '--no-open', '--clip', 'no-such-port'], /no serial port at no-such-port/],
    [['console', '--no-open', '--http-port', '99999'], /--http-port 99999: expected a TCP port/],
    [['console', '--no-open', '--listen', '203.0.113.7'], /--listen 203\.0\.113\.7: this computer has no such address/],
  ] as [string[], RegExp][])('%j: a clear error naming it', (args, msg) => {
    const r = posture(args, { cwd: dir });
    expect([1, 2], `${args.join(' ')}: ${r.stderr}`).toContain(r.status);
    expect(r.stderr.trim().split('\n').length, r.stderr).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });
});
