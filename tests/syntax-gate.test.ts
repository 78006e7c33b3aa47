import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declareUnhoistedVars, syntaxGate } from '../firmware/build/syntax-gate';
import { repoRoot } from '../host/paths';

const BAD: [string, string][] = [
  ['function f(a = 1) { return a; }', 'default parameter'],
  ['function f(...a) { return a; }', 'rest parameter'],
  ['f(...a);', 'spread'],
  ['var b = [...a];', 'spread'],
  ['var o = { ...a };', 'spread'],
  ['var x = a?.b;', 'optional chaining'],
  ['var x = 2 ** 3;', 'exponent'],
  ['x **= 2;', 'exponent'],
  ['function* g() { yield 1; }', 'generator'],
  ['class A { #p = 1; m() { return this.#p; } }', '#private'],
  ['var s = tag`x`;', 'tagged template'],
  ['var o = { [k]: 1 };', 'computed key'],
  ['var { a } = o;', 'destructuring'],
  ['var [a, b] = o;', 'destructuring'],
  ['function f({ a }) { return a; }', 'destructuring'],
  ['outer: for (;;) { break outer; }', 'label'],
  ['async function f() { await g(); }', 'async'],
  ['for (let i = 0; i < 3; i++) { fs.push(function () { return i; }); }', 'closure over a for(let'],
  ['for (const x of xs) { fs.push(() => x); }', 'closure over a for(let'],
  ['var m = new Map();', 'Map is missing'],
  ['var s = new Set();', 'Set is missing'],
  ['var y = Symbol("a");', 'Symbol is missing'],
  ['var y = Math.imul(a, b);', 'Math.imul is missing'],
  ['var y = Math.trunc(a);', 'Math.trunc is missing'],
  ['var y = Math.hypot(a, b);', 'Math.hypot is missing'],
  ['var y = Math.clz32(a);', 'Math.clz32 is missing'],
  ['var y = Array.from(a);', 'Array.from is missing'],
  ['var y = Number.isInteger(a);', 'Number.isInteger is missing'],
  ['Object.freeze(a);', 'Object.freeze is missing'],
  ['var s = Array.prototype.slice.call(a);', 'Array.prototype is missing'],
  ['Promise.race([a]);', 'Promise.race is missing'],
  ['throw new RangeError("x");', 'RangeError is missing'],
  ['var = ;', 'does not parse'],
  // What terser writes when it inlines a function with parameters; Espruino then assigns
  // the outer "o" (found in a real bundle, where it clobbered a top-level function).
  ['function f(n) { return void 0 === (o = g(n)) ? 0 : o; var o }', 'used before its var declaration'],
  ['function f() { x = 1; if (a) { var x; } }', 'used before its var declaration'],
  // terser shares one counter between sibling loops and declares it in the first: in a branch
  // that did not run, Espruino assigns the outer "r" (found in a real bundle: the logger's ring).
  ['function f(r) { if (c) { for (var i = 0; i < 2; i++) g(i); } for (i = 0; i < 9; i++) h(i); }', 'outside the branch that declares it'],
  ['function f() { if (a) { var x = 1; } return x; }', 'outside the branch that declares it'],
  ['function f() { try { var x = g(); } catch (e) {} return x; }', 'outside the branch that declares it'],
  // Espruino's RegExp has no counts or (?...) groups: the PIN check once never matched there.
  ['var ok = /^[0-9]{4,8}$/.test(pin);', 'RegExp count {n,m}'],
  ['var ok = /a(?=b)/.test(s);', 'RegExp group (?...)'],
];

const GOOD = [
  'var a = 1; let b = 2; const c = 3;',
  'class A extends B { constructor() { super(); } static s() { return 1; } get g() { return 2; } }',
  'var f = (x) => x + 1; var s = `a${f(1)}b`; var n = a ?? 2;',
  'for (var i = 0; i < 3; i++) { fs.push(function () { return i; }); }',
  'for (let i = 0; i < 3; i++) { total += i; }',
  'for (let i = 0; i < 3; i++) { const f = xs[i]; run(function () { return f; }); }',
  'var o = { map: 1, Set: 2 }; o.Map = 3; var y = Math.sqrt(2);',
  'new Int32Array(4); new DataView(new ArrayBuffer(4)); Object.assign({}, {});',
  'function f(o) { o = 2; var o; return o; }',
  'function f() { var o = 1; return function () { return o; }; }',
  'function f() { g(); function g() { return h; } var h = 1; }',
  'function f() { for (var i = 0; i < 2; i++) g(i); for (i = 0; i < 9; i++) h(i); }',
  'function f() { if (a) { var x = 1; x++; } }',
  'function f() { var x; if (a) { var x = 1; } return x; }',
  'var ok = /^[0-9]+$/.test(pin) && /^a\\{1\\}|b*c?\\d\\s\\w.$/.test(s);',
];

describe('Espruino syntax gate', () => {
  it.each(BAD)('rejects %s', (src, what) => {
    const problems = syntaxGate(src);
    expect(problems.map((p) => p.what).join('; ')).toContain(what);
    expect(problems[0].line).toBeGreaterThan(0);
  });

  it.each(GOOD)('accepts %s', (src) => {
    expect(syntaxGate(src)).toEqual([]);
  });

  it('the build declares such vars at the top of their function, as JavaScript hoists them', () => {
    const src = 'var i = "outer"; function f(c) { if (c) { for (var i = 0; i < 2; i++); } for (i = 0; i < 3; i++); return i; } f(0);';
    const fixed = declareUnhoistedVars(src);
    expect(syntaxGate(src).length).toBeGreaterThan(0);
    expect(syntaxGate(fixed)).toEqual([]);
    expect(fixed).toContain('function f(c) {var i;');
    // Same meaning in a JavaScript that hoists: only the declaration moved.
    expect(new Function(fixed + '; return [i, f(0), f(1)];')()).toEqual(new Function(src + '; return [i, f(0), f(1)];')());
    expect(declareUnhoistedVars(GOOD[0])).toBe(GOOD[0]);
  });

  it.runIf(process.env.ESPRUINO)('on the interpreter, the branch-declared var clobbers the outer one, the declared one does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'posture-gate-'));
    try {
      const src = 'var i = "outer"; function f(c) { if (c) { for (var i = 0; i < 2; i++); } for (i = 0; i < 3; i++); return i; } f(0);';
      const run = (code: string) => {
        writeFileSync(join(dir, 'g.js'), code + '\nrequire("fs").writeFileSync("out.txt", String(i)); quit();');
        spawnSync(process.env.ESPRUINO!, ['g.js'], { cwd: dir, stdio: 'ignore', timeout: 10_000 });
        return readFileSync(join(dir, 'out.txt'), 'utf8');
      };
      expect(run(src)).toBe('3'); // Espruino: the outer i was overwritten
      expect(run(declareUnhoistedVars(src))).toBe('outer');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('firmware/dist holds what the source builds to (the emitted script uses the same text)', async () => {
    const { replayBundleCode } = await import('../host/replay/emit-script');
    expect((await replayBundleCode()).stale).toBe(false);
  });

  it('passes every built bundle in firmware/dist', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'firmware', 'dist', 'manifest.json'), 'utf8')) as Record<string, { bytes: number; limit: number }>;
    expect(Object.keys(manifest).length).toBeGreaterThan(0);
    for (const [name, m] of Object.entries(manifest)) {
      const code = readFileSync(join(repoRoot, 'firmware', 'dist', name), 'utf8');
      expect(syntaxGate(code), name).toEqual([]);
      expect(Buffer.byteLength(code)).toBe(m.bytes);
      expect(m.bytes, `${name} size`).toBeLessThanOrEqual(m.limit);
    }
  });

  it('never shortens a property of an Espruino object (the bundle shortens its own)', () => {
    for (const b of ['pico', 'puck', 'linux']) {
      const code = readFileSync(join(repoRoot, 'firmware', 'dist', `posture-${b}.js`), 'utf8');
      const uses = [...code.matchAll(/\b(process|E|I2C1|Puck|LoopbackA|Math|JSON|String)\.([A-Za-z_$][\w$]*)/g)].map((m) => m[0]);
      expect(uses.length, b).toBeGreaterThan(10);
      for (const u of uses) {
        const [obj, prop] = u.split('.');
        const std = (globalThis as Record<string, unknown>)[obj] as object | undefined;
        if (std && ['Math', 'JSON', 'String'].includes(obj)) expect(prop in std, `${b}: ${u}`).toBe(true);
        else expect(prop.length, `${b}: ${u}`).toBeGreaterThan(2); // Espruino's names are words; the bundle's own are 1-2 letters
      }
    }
  });
});
