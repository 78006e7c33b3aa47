// Instruction counts on the real interpreter: valgrind's callgrind over a script at N and
// 2N units of work; cost per unit = (I(2N) - I(N)) / N, so start-up and parsing cancel.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pretokenise } from '../../firmware/build/pretokenise';
import { withQuietStdin } from '../helpers/quiet-stdin';

export function haveCallgrind(): boolean {
  return spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0;
}

export function instructions(espruino: string, script: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'posture-cg-'));
  const file = join(dir, 'bench.js');
  const out = join(dir, 'callgrind.out');
  writeFileSync(file, script);
  try {
    const r = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, espruino, file], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
    const m = /summary:\s*(\d+)/.exec(readFileSync(out, 'utf8'));
    if (r.status !== 0 || !m) throw new Error(`callgrind failed: ${r.stderr.slice(-500)}`);
    return Number(m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Per-unit cost from scripts of n and 2n units. */
export function perUnit(espruino: string, make: (n: number) => string, n: number): number {
  const a = instructions(espruino, make(n));
  const b = instructions(espruino, make(2 * n));
  return (b - a) / n;
}

/**
 * Variables in use after the device bundle boots from Storage on the interpreter, as a
 * flashed board runs it (the code stays in flash, pretokenised): [after boot, after 3 s].
 */
export function bootVariables(espruino: string, bundleCode: string, prelude = ''): [number, number] {
  const dir = mkdtempSync(join(tmpdir(), 'posture-vars-'));
  try {
    const run = (script: string) => {
      writeFileSync(join(dir, 'run.js'), script);
      withQuietStdin(dir, (fd) => spawnSync(espruino, ['run.js'], { cwd: dir, stdio: [fd, 'ignore', 'ignore'], timeout: 30_000 }));
    };
    // Pretokenised, as posture flash stores it.
    run(`require("Storage").write("pc.js",atob("${Buffer.from(pretokenise(bundleCode), 'latin1').toString('base64')}"));`);
    // prelude: a board shim (tests/fixtures/espruino-board-shim.js) for the Pico and Puck.js
    // bundles; its own variables are in the baseline.
    run(
      prelude +
        '\nvar base=process.memory().usage;eval(require("Storage").read("pc.js"));var boot=process.memory().usage;' +
        // The count is taken before require("fs"), whose module would be counted too.
        'setTimeout(function(){var run=process.memory().usage;require("fs").writeFileSync("vars.json",JSON.stringify([boot-base,run-base]));quit();},3000);',
    );
    return JSON.parse(readFileSync(join(dir, 'vars.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
