// What a person at a terminal sees: `posture stream` redrawing one line with its sparkline and
// `posture pull` drawing a progress bar, run under a real pseudo-terminal (util-linux `script`)
// against `posture simulate`. Piped, the same commands print NDJSON and no bar (other suites).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTURE, posture } from './helpers/cli';
import { startSimulate } from './helpers/sim-process';

const SCRIPT = spawnSync('sh', ['-c', 'command -v script']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'posture-tty-'));
const port = join(dir, 'clip');
let sim: { stop(): Promise<number | null> } | undefined;

/** Runs `posture args` with a terminal as its stdout and stderr; returns what the terminal got. */
function onTerminal(args: string[]): { status: number | null; screen: string } {
  const cmd = [process.execPath, POSTURE, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, screen: r.stdout };
}

describe.runIf(SCRIPT)('posture on a terminal', () => {
  beforeAll(async () => {
    sim = await startSimulate(['--speed', '20', '--link', port, '--scenario', 'slouch']);
  });
  afterAll(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stream redraws one line in place, with the sparkline of recent flexion, not NDJSON', () => {
    // Not calibrated yet: dashes for the angles, and a line that says what to do.
    const before = onTerminal(['stream', '--duration', '1', '--port', port]);
    expect(before.screen).toMatch(/the clip is not calibrated: its angles mean nothing yet/);
    expect(before.screen).toMatch(/\r flexion +- deg {2}lateral +- deg {2}uncalibrated/);
    let calibrated = false;
    for (let k = 0; k < 5 && !calibrated; k++) calibrated = posture(['calibrate', '--now', '--port', port]).status === 0;
    expect(calibrated).toBe(true);
    const r = onTerminal(['stream', '--duration', '3', '--port', port]);
    expect(r.status, r.screen).toBe(0);
    const frames = r.screen.split('\r').filter((f) => f.startsWith(' flexion'));
    expect(frames.length).toBeGreaterThan(3);
    for (const f of frames) expect(f).toMatch(/^ flexion +-?\d+\.\d deg {2}lateral +-?\d+\.\d deg {2}\w+ +motion +\d+ mg {2}[ ▁▂▃▄▅▆▇█]+ /);
    // The sparkline grows by a bar every third block, up to a minute of them.
    const bars = (f: string) => /mg {2}([ ▁▂▃▄▅▆▇█]+) $/.exec(f.split('\n')[0])![1].length;
    expect(bars(frames[frames.length - 1])).toBeGreaterThan(bars(frames[0]));
    expect(r.screen).not.toMatch(/"t_ms"/);
    expect(r.screen).toMatch(/\d+ block samples, \d+ raw samples/);
  });

  it('pull draws a progress bar with records, bytes and ETA, then its summary', () => {
    const r = onTerminal(['pull', '--archive', join(dir, 'archive'), '--port', port]);
    expect(r.status, r.screen).toBe(0);
    expect(r.screen).toMatch(/\r\[#{30}\] (\d+)\/\1 records, \d+ bytes, ETA 0 s /);
    expect(r.screen).toMatch(/device [0-9a-f]{8}: \d+ new records, \d+ in /);
  });
});
