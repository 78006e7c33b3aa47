// The whole firmware on the real interpreter (Espruino's Linux build, board profile
// "linux": simulated IMU, console on stdio). Runs only when ESPRUINO names the binary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../host/paths';

const ESPRUINO = process.env.ESPRUINO;
const dir = mkdtempSync(join(tmpdir(), 'posture-esp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: string, seconds: number): string {
  writeFileSync(join(dir, 'run.js'), script);
  const r = spawnSync(ESPRUINO!, ['run.js'], { cwd: dir, encoding: 'utf8', timeout: (seconds + 20) * 1000 });
  return r.stdout.replace(/\r/g, '');
}

describe.runIf(ESPRUINO)('firmware on the Espruino interpreter', () => {
  const code = readFileSync(join(repoRoot, 'firmware', 'dist', 'posture-linux.js'), 'utf8');

  it('boots from Storage like a flashed board, samples, and logs to espruino.flash', () => {
    // Stage 1 writes the bundle into Storage; stage 2 runs it from there (code stays in flash,
    // as on a board) and reports the variables in use after boot and after 3 s of running.
    run(`require("Storage").write("pc.js",${JSON.stringify(code)});`, 5);
    const out = run(
      `var base=process.memory().usage;eval(require("Storage").read("pc.js"));var boot=process.memory().usage;` +
        `setTimeout(function(){var c=PC.core();print("RESULT "+JSON.stringify({base:base,boot:boot,run:process.memory().usage,` +
        `state:c.det.info[0],log:PC.log.status(),files:require("Storage").list(/^pclog/).length}));quit();},3000);`,
      3,
    );
    expect(out).toMatch(/posture-coach \d+\.\d+\.\d+ board=linux imu=simulated/);
    const m = /RESULT (\{.*\})/.exec(out);
    expect(m, out.slice(-500)).not.toBeNull();
    const r = JSON.parse(m![1]) as { base: number; boot: number; run: number; state: number; log: { nextSeq: number }; files: number };
    console.log(`Espruino variables: ${r.boot - r.base} after boot, ${r.run - r.base} after 3 s (interpreter baseline ${r.base})`);
    expect(r.files).toBeGreaterThanOrEqual(1);
    expect(r.log.nextSeq).toBeGreaterThanOrEqual(2); // boot + "config missing" fault
    // A Puck.js v2 has 2,630 variables: the firmware must fit with room for the log reader.
    expect(r.run - r.base).toBeLessThan(2630);
    // The profile boots uncalibrated (state 0) until a calibration is asked for.
    expect(r.state).toBe(0);
  });
});
