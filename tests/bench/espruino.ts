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
 * Variables in use after the device bundle boots from Storage on the interpreter, as a flashed
 * board runs it: the code pretokenised in `.bootcde`, run by the interpreter at start-up.
 * [at the first idle moment after boot, after 3 s], each less the same boot without the bundle.
 * (Loading the bundle with eval from a script file instead reads ~235 variables lower once that
 * script returns; a flashed clip never sees that, so the bench does not measure it that way.)
 */
export function bootVariables(espruino: string, bundleCode: string, prelude = ''): [number, number] {
  // Both counts are written at the end: require("fs") would load a module that the count would
  // include. (The global holding the first count is in the baseline too.)
  const measure =
    'setTimeout(function(){QQ_VARS0=process.memory().usage;},0);' +
    'setTimeout(function(){var u=process.memory().usage;require("fs").writeFileSync("vars.txt",QQ_VARS0+" "+u);quit();},3000);';
  const boot = (body: string): number[] => {
    const dir = mkdtempSync(join(tmpdir(), 'posture-vars-'));
    try {
      const run = (args: string[]) =>
        withQuietStdin(dir, (fd) => spawnSync(espruino, args, { cwd: dir, stdio: [fd, 'ignore', 'ignore'], timeout: 30_000 }));
      writeFileSync(join(dir, 'flash.js'), `require("Storage").write(".bootcde",atob("${Buffer.from(pretokenise(body), 'latin1').toString('base64')}"));`);
      run(['flash.js']);
      // No script: the interpreter starts as a board does, running .bootcde.
      run([]);
      return readFileSync(join(dir, 'vars.txt'), 'utf8').trim().split(' ').map(Number);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // prelude: a board shim (tests/fixtures/espruino-board-shim.js) for the Pico and Puck.js
  // bundles; its own variables are in the baseline.
  const base = boot(prelude + '\n' + measure);
  const withBundle = boot(prelude + '\n' + bundleCode + measure);
  return [withBundle[0] - base[0], withBundle[1] - base[1]];
}
