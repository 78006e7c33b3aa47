// Looking after a clip, as a user runs it: the real `posture` process against `posture
// simulate` over a pty. The simulators run at a tenth of real time, so no minute closes and
// nothing but the commands themselves writes to the log during a test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRecord, LogRecord, splitRecords } from '../host/log/records';
import { EV_SNOOZE } from '../shared/events';
import { posture } from './helpers/cli';
import { startSimulate } from './helpers/sim-process';

const dir = mkdtempSync(join(tmpdir(), 'posture-care-'));
const port = join(dir, 'clip');
let sim: { stop(): Promise<number | null> };

beforeAll(async () => {
  sim = await startSimulate(['--speed', '0.1', '--link', port, '--scenario', 'walk', '--storage', join(dir, 'flash.json')]);
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const p = (...args: string[]) => posture([...args, '--port', port]);

function events(archive: string, id: string): Extract<LogRecord, { kind: 'event' }>[] {
  const recs = splitRecords(new Uint8Array(readFileSync(join(archive, id, 'records.bin')))).map(decodeRecord);
  return recs.filter((r): r is Extract<LogRecord, { kind: 'event' }> => r.kind === 'event');
}

describe('posture buzz and snooze', () => {
  it('buzz plays the test pattern at the prescribed strength', () => {
    const r = p('buzz', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ vibrationMs: 700, strengthPct: 80 });
    expect(p('config', 'set', 'motor_pct=100').status).toBe(0);
    expect(p('buzz').stdout).toMatch(/^buzzing: 0\.7 s of vibration at 100 %/);
  });

  it('snooze silences alerts for the minutes given, or the prescription\'s, and the clip logs it', () => {
    const bad = p('snooze', '--min', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--min 0: expected whole minutes, 1\.\.240/);
    expect(p('snooze', '--min', '2.5').status).toBe(2);
    const r = JSON.parse(p('snooze', '--min', '30', '--json').stdout);
    expect(r.minutes).toBe(30);
    expect(Date.parse(r.until) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(p('snooze').stdout).toMatch(/^alerts silenced for 15 min \(until \d\d:\d\d\)/);
    const archive = join(dir, 'archive-snooze');
    const pulled = JSON.parse(p('pull', '--archive', archive, '--json').stdout);
    expect(events(archive, pulled.clipId).filter((e) => e.type === EV_SNOOZE).map((e) => e.a)).toEqual([30, 15]);
  });
});

describe('posture reset', () => {
  it('needs --yes, the archive to hold the log and the PIN; then the clip starts afresh and the next pull goes on', () => {
    const archive = join(dir, 'archive-reset');
    const noYes = p('reset');
    expect(noYes.status).toBe(2);
    expect(noYes.stderr).toMatch(/add --yes to go ahead/);
    expect(p('config', 'set', 'threshold_deg=20').status).toBe(0);
    expect(p('lock', '--pin', '2468').status).toBe(0);

    const unpulled = p('reset', '--yes', '--archive', archive);
    expect(unpulled.status).toBe(2);
    expect(unpulled.stderr).toMatch(/the clip holds \d+ log records? that .* lacks: pull them first \(npx posture pull --archive .*\), add --pull to pull and reset in one go, or add --discard-log/);
    const first = JSON.parse(p('pull', '--archive', archive, '--json').stdout);
    expect(first.log.addedRecords).toBeGreaterThan(0);

    const locked = p('reset', '--yes', '--archive', archive);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/the clip is locked \(no PIN given\): nothing was reset\. Give the therapist's PIN with --pin/);
    expect(p('reset', '--yes', '--archive', archive, '--pin', '1111').stderr).toMatch(/wrong PIN: nothing was reset/);
    expect(JSON.parse(p('config', 'get', '--json').stdout).threshold_deg).toBe(20);

    const done = p('reset', '--yes', '--archive', archive, '--pin', '2468');
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/reset: default prescription, no calibration, no lock, empty log\n/);
    expect(JSON.parse(p('config', 'get', '--json').stdout).threshold_deg).toBe(15);
    const info = JSON.parse(p('info', '--json').stdout);
    expect(info.config.locked).toBe(false);
    // The wiped log goes on numbering from where it was: the archive takes what comes next.
    expect(info.log.firstRecord).toBe(first.log.nextRecord);
    const again = p('pull', '--archive', archive, '--json');
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).log.gaps).toEqual([]);

    // --pull: records the archive lacks are pulled, then the clip reset, in one session.
    expect(p('snooze').status).toBe(0);
    const both = p('reset', '--yes', '--pull', '--archive', archive, '--json');
    expect(both.status, both.stderr).toBe(0);
    const r = JSON.parse(both.stdout);
    expect(r.pulledRecords).toBeGreaterThan(0);
    expect(r.discardedRecords).toBe(0);
    const after = JSON.parse(p('pull', '--archive', archive, '--json').stdout);
    expect(after.log.gaps).toEqual([]);
    expect(p('reset', '--yes', '--pull', '--discard-log').stderr).toMatch(/--pull keeps the log and --discard-log drops it/);
  });
});
