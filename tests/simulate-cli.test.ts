// `posture simulate` as a user runs it: a separate process exposing the virtual clip on a pty.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeviceLink } from '../host/link/device-link';
import { posture, POSTURE } from './helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'posture-simcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('posture simulate', () => {
  it('prints the tty path, answers a real serial client, and stops cleanly on Ctrl-C', async () => {
    const link = join(dir, 'clip');
    const p = spawn(process.execPath, [POSTURE, 'simulate', '--speed', '5', '--link', link], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    const t0 = Date.now();
    while (!out.includes('Ctrl-C')) {
      if (Date.now() - t0 > 20000) throw new Error('simulate did not start: ' + out);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(out).toContain(`virtual clip on ${link}`);
    const l = await DeviceLink.open({ path: link });
    expect(l.hello).toMatchObject({ board: 'pico', imu: 'MPU6050', proto: 1 });
    await l.close();
    const code = await new Promise((r) => {
      p.once('exit', r);
      p.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(out).toContain('stopped');
  });

  it('refuses an unknown scenario with exit code 2', () => {
    const r = posture(['simulate', '--scenario', 'marathon']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--scenario marathon: expected one of office-day, slouch, walk or a samples \.csv file/);
  });
});
