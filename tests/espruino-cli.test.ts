// The `posture` CLI against the firmware on the real interpreter: Espruino's Linux build runs
// the Linux bundle behind a pseudo-terminal (socat), as a board sits behind its USB port.
// Runs only when ESPRUINO names the binary (and socat is installed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../host/paths';
import { crc32 } from '../shared/crc';
import { pretokenise } from '../firmware/build/pretokenise';
import { posture } from './helpers/cli';
import { startConsole } from '../host/console/server';
import { interpreterBehindPty } from './helpers/espruino-run';

const ESPRUINO = process.env.ESPRUINO;
const SOCAT = spawnSync('sh', ['-c', 'command -v socat']).status === 0;

describe.runIf(ESPRUINO && SOCAT)('posture CLI against the firmware on the Espruino interpreter', () => {
  // Made only when the suite runs: a skipped one runs no hook to remove it.
  const dir = ESPRUINO && SOCAT ? mkdtempSync(join(tmpdir(), 'posture-esp-cli-')) : '';
  const port = join(dir, 'tty');
  const archive = join(dir, 'archive');
  const bundle = join(repoRoot, 'firmware', 'dist', 'posture-linux.js');
  let clip: { stop(): void } | undefined;
  const p = (...args: string[]) => posture([...args, '--port', port]);

  beforeAll(async () => {
    clip = await interpreterBehindPty(dir);
  });
  afterAll(() => {
    clip?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('info, config, clock, calibrate, lock and pull work as on a board', () => {
    const info = p('info');
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/board\s+linux, IMU simulated/);
    expect(p('config', 'set', 'threshold_deg=18').stdout).toMatch(/threshold_deg = 18 \(written and verified\)/);
    const bad = p('config', 'set', 'threshold_deg=99');
    expect(bad.status).toBe(2);
    expect(p('clock', '--set').stdout).toMatch(/now set to \d{4}-/);
    expect(JSON.parse(p('info', '--json').stdout).clock.set).toBe(true);
    const cal = p('calibrate');
    expect(cal.status, cal.stderr).toBe(0);
    expect(cal.stdout).toMatch(/calibrated: the upper back is [\d.]+ deg from vertical/);
    expect(p('lock', '--pin', '2468').status).toBe(0);
    const locked = p('config', 'set', 'threshold_deg=20');
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/the clip is locked \(no PIN given\): the prescription is unchanged/);
    expect(p('config', 'set', 'threshold_deg=20', '--pin', '2468').status).toBe(0);
    expect(p('unlock', '--pin', '2468').status).toBe(0);
    const pull = p('pull', '--archive', archive);
    expect(pull.status, pull.stderr).toBe(0);
    expect(pull.stdout).toMatch(/\d+ new records/);
  });

  it('flash uploads through the REPL, reboots into it, and keeps the prescription and the log', () => {
    const before = JSON.parse(p('info', '--json').stdout);
    const r = posture(['flash', bundle, '--port', port]);
    expect(r.status, r.stderr).toBe(0);
    const after = JSON.parse(p('info', '--json').stdout);
    // Now running from .bootcde: the clip reports the CRC-32 of exactly what was sent, the
    // bundle pretokenised (Espruino lexed the tokens: it answers).
    expect(after.firmware.codeCrc32).toBe(crc32(Buffer.from(pretokenise(readFileSync(bundle, 'utf8')), 'latin1')).toString(16).padStart(8, '0'));
    expect(r.stdout).toMatch(/\(\d+ bytes, \d+ pretokenised\)/);
    expect(after.config.hash).toBe(before.config.hash);
    expect(JSON.parse(p('config', 'get', '--json').stdout)).toMatchObject({ threshold_deg: 20 });
    expect(after.log.firstRecord).toBe(before.log.firstRecord);
    expect(after.log.nextRecord).toBeGreaterThan(before.log.nextRecord); // the boot event
    // The next pull carries on from the archive: no gap, nothing twice.
    const pull = p('pull', '--archive', archive);
    expect(pull.status, pull.stderr).toBe(0);
    expect(pull.stderr).not.toMatch(/gap/);
  });

  it('buzz, snooze and a factory reset, whose log numbering the archive carries on', () => {
    expect(JSON.parse(p('buzz', '--json').stdout)).toEqual({ vibrationMs: 700, strengthPct: 80 });
    expect(p('snooze', '--min', '5').stdout).toMatch(/alerts silenced for 5 min/);
    expect(p('reset', '--yes', '--archive', archive).stderr).toMatch(/pull them first/); // the snooze is not archived
    // The simulated wearer goes on (a record every few seconds at worst), so a record may land
    // between the pull and the reset: then the reset refuses, and pull and reset go again.
    let before: { log: { nextRecord: number } } = { log: { nextRecord: 0 } };
    let r: ReturnType<typeof p> | undefined;
    for (let k = 0; k < 5; k++) {
      expect(p('pull', '--archive', archive).status).toBe(0);
      before = JSON.parse(p('info', '--json').stdout);
      r = p('reset', '--yes', '--archive', archive);
      if (!/pull them first/.test(r.stderr)) break;
    }
    expect(r!.status, r!.stderr).toBe(0);
    const after = JSON.parse(p('info', '--json').stdout);
    expect(JSON.parse(p('config', 'get', '--json').stdout)).toMatchObject({ threshold_deg: 15 });
    expect(after.log.firstRecord).toBeGreaterThanOrEqual(before.log.nextRecord);
    const pull = p('pull', '--archive', archive, '--json');
    expect(pull.status, pull.stderr).toBe(0);
    expect(JSON.parse(pull.stdout).log.gaps).toEqual([]);
  });

  it('the console holds the interpreter\'s clip as it holds a board: status, live samples, and "in use" for the CLI', async () => {
    const c = await startConsole({ cwd: dir, archive });
    try {
      await c.session.connect(port);
      const headers = { host: new URL(c.origin).host, cookie: `posture_console=${c.token}`, origin: c.origin, 'content-type': 'application/json' };
      const st = await c.app.inject({ method: 'GET', url: '/api/status', headers });
      expect(st.statusCode, st.body).toBe(200);
      expect(JSON.parse(st.body)).toMatchObject({ board: 'linux', firmware: { espruino: expect.any(String) } });
      const got: unknown[] = [];
      c.session.live.on('message', (m: { kind: string }) => m.kind === 'sample' && got.push(m));
      expect((await c.app.inject({ method: 'POST', url: '/api/stream', headers, payload: '{"hz":10}' })).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 2000));
      expect(got.length).toBeGreaterThan(2);
      const other = p('info');
      expect(other.status).toBe(1);
      expect(other.stderr).toMatch(/in use by the console/);
    } finally {
      await c.close();
    }
    expect(p('info').status).toBe(0); // freed
  }, 30_000);
});
