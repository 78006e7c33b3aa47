// Instruction counts on the real interpreter: valgrind's callgrind over a script at N and
// 2N units of work; cost per unit = (I(2N) - I(N)) / N, so start-up and parsing cancel.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function haveCallgrind(): boolean {
  return spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0;
}

export function instructions(espruino: string, script: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'posture-cg-'));
  const file = join(dir, 'bench.js');
  const out = join(dir, 'callgrind.out');
  writeFileSync(file, script);
  const r = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, espruino, file], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
  const m = /summary:\s*(\d+)/.exec(readFileSync(out, 'utf8'));
  if (r.status !== 0 || !m) throw new Error(`callgrind failed: ${r.stderr.slice(-500)}`);
  return Number(m[1]);
}

/** Per-unit cost from scripts of n and 2n units. */
export function perUnit(espruino: string, make: (n: number) => string, n: number): number {
  const a = instructions(espruino, make(n));
  const b = instructions(espruino, make(2 * n));
  return (b - a) / n;
}
