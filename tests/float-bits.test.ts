// Why the core's maths is fixed-point: Espruino's Math.atan2, sqrt, sin and cos do not give
// V8's last bits on the same inputs, so a float estimator could not replay bit-identically on
// the host. Measured on the interpreter when ESPRUINO names it (docs/benchmarks.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../host/paths';

const ESPRUINO = process.env.ESPRUINO;

describe.runIf(!!ESPRUINO)('float maths on Espruino and in Node', () => {
  it('differ in the last bits: the reason the shared core is fixed-point', () => {
    const dir = mkdtempSync(join(tmpdir(), 'posture-float-'));
    try {
      const src = readFileSync(join(repoRoot, 'tests', 'fixtures', 'float-bits.js'), 'utf8');
      writeFileSync(join(dir, 'node.js'), `var FLOAT_BITS_OUT = ${JSON.stringify(join(dir, 'node.txt'))};\n${src}`);
      writeFileSync(join(dir, 'esp.js'), `var FLOAT_BITS_OUT = ${JSON.stringify(join(dir, 'esp.txt'))};\n${src}\nquit();`);
      spawnSync(process.execPath, [join(dir, 'node.js')]);
      spawnSync(ESPRUINO!, [join(dir, 'esp.js')], { cwd: dir, timeout: 120_000, stdio: 'ignore' });
      const a = readFileSync(join(dir, 'node.txt'), 'utf8').split('\n'), b = readFileSync(join(dir, 'esp.txt'), 'utf8').split('\n');
      expect(b.length).toBe(a.length);
      const differ: Record<string, number> = {};
      a.forEach((l, i) => {
        const fn = l.split(' ')[0];
        differ[fn] = (differ[fn] ?? 0) + (l === b[i] ? 0 : 1);
        expect(b[i].split(' ')[2]).toBe(l.split(' ')[2]); // the high words agree: only the last bits differ
      });
      console.log(`results of 5,000 calls whose bits differ between Espruino and Node: ${JSON.stringify(differ)}`);
      expect(Object.values(differ).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
