// Pretokenised uploads (firmware/build/pretokenise.ts): the bytes must be the tokens Espruino's
// lexer knows, and the code must mean exactly what its text meant. With ESPRUINO set the
// interpreter itself runs both forms of a program that uses every token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Token, tokenizer } from 'acorn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detokenise, isPretokenised, pretokenise } from '../firmware/build/pretokenise';
import { repoRoot } from '../host/paths';
import { ESPRUINO, espruinoFolder } from './helpers/espruino-run';
import { es5Expressions } from './helpers/es5-expressions';

const bytes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const tokens = (src: string) => Array.from(tokenizer(src, { ecmaVersion: 5 }) as Iterable<Token & { value?: unknown }>, (t) => [t.type.label, t.value]);

// Every reserved word the firmware's ES5 can hold, every multi-character operator, integers at
// the edges of the raw forms, and strings that need escapes as text.
const PROGRAM = `
function f(a, b) {
  var o = { k: 1, "in": 2 }, r = [], i = 0, s = "it's \\"quoted\\" \\\\ \\n", t = 'x';
  r.push(a == b, a === b, a != b, a !== b, a <= b, a >= b, a << 3, a >> 1, -a >>> 28, a + +b, a - -b, a++ + b, a-- - b);
  var c = a; c <<= 2; c >>= 1; c += 3; c -= 1; c *= 3; c /= 2; c %= 7; c &= 255; c |= 256; c ^= 3; c >>>= 0; r.push(c);
  r.push(a && b, a || b, !a, typeof a, typeof undefined, void 0, null, true, false, "k" in o, r instanceof Array);
  r.push(0, 5, 99, 100, 127, 128, 999, 1000, 32767, 32768, 65536, 123456789, 1.5, 1e3, 0x7f, -128, -32768);
  r.push(s, t, "", s.length, "${'y'.repeat(300)}".length);
  delete o.k;
  r.push(o.k === undefined, o["in"]);
  for (i = 0; i < 10; i++) { if (i === 2) continue; if (i > 4) break; r.push(i); }
  do { i--; } while (i > 2);
  while (i < 5) i++;
  switch (i) { case 5: r.push("five"); break; default: r.push("other"); }
  try { throw new Error("boom"); } catch (e) { r.push(e.message); } finally { r.push("fin"); }
  r.push(this === undefined || typeof this === "object");
  if (a > b) r.push("gt"); else r.push("le");
  return r;
}
print(JSON.stringify(f(7, 3)));
`;

describe('pretokenise', () => {
  it('writes Espruino lexer token bytes', () => {
    // LEX_R_IF 0xA3, LEX_R_RETURN 0xAB, LEX_R_VAR 0xAC, LEX_TYPEEQUAL 0x8B, LEX_ANDAND 0x9E
    expect(bytes(pretokenise('if(a===b&&c)return 1;var d'))).toEqual([0xa3, 40, 97, 0x8b, 98, 0x9e, 99, 41, 0xab, 49, 59, 0xac, 100]);
    // LEX_RAW_STRING8 length bytes; LEX_RAW_INT0; LEX_RAW_INT8; LEX_RAW_INT16 low byte first
    expect(bytes(pretokenise('x("ab",0,100,1000)'))).toEqual([120, 40, 0xd1, 2, 97, 98, 44, 0xd3, 44, 0xd4, 100, 44, 0xd5, 0xe8, 0x03, 41]);
    // a string of 256 or more bytes: LEX_RAW_STRING16
    expect(bytes(pretokenise(`"${'z'.repeat(300)}"`)).slice(0, 3)).toEqual([0xd2, 300 & 255, 300 >> 8]);
    // Spaces only where the lexer needs them: between names and numbers, and in "- -", "+ +".
    expect(pretokenise('a - -b, c + +d, e in f, g = 1')).toBe('a- -b,c+ +d,e\xb9f,g=1');
    expect(pretokenise('var x = y\nz()')).toBe('\xacx=y\nz()'); // a newline may end a statement
    expect(pretokenise('a = 5 .toFixed(1) + 100 .x')).toBe('a=5 .toFixed(1)+\xd4\x64.x');
    expect(detokenise(pretokenise('a = 5 .toFixed(1) + 100 .x'))).toBe('a=5 .toFixed(1)+100 .x');
  });

  it('keeps as text what has no token: empty, non-ASCII and 64 KB strings, floats, big integers', () => {
    expect(pretokenise('a("",1.5,32768,1e3,"é")')).toBe('a("",1.5,32768,1e3,"é")');
    const huge = `x="${'q'.repeat(65536)}"`;
    expect(pretokenise(huge)).toBe(huge);
    expect(bytes(pretokenise(`x="${'q'.repeat(65535)}"`)).slice(0, 5)).toEqual([120, 61, 0xd2, 255, 255]);
  });

  it('refuses literals it cannot carry exactly', () => {
    expect(() => pretokenise('a=/x/g')).toThrow(/regular expression|regexp/);
  });

  it('round-trips every device bundle token for token, and shrinks it', () => {
    for (const b of ['pico', 'puck', 'linux']) {
      const src = readFileSync(join(repoRoot, 'firmware', 'dist', `posture-${b}.js`), 'utf8');
      const t = pretokenise(src);
      expect(isPretokenised(t)).toBe(true);
      expect(isPretokenised(src)).toBe(false);
      expect(tokens(detokenise(t))).toEqual(tokens(src));
      expect(pretokenise(detokenise(t))).toBe(t);
      expect(t.length).toBeLessThan(src.length * 0.9);
    }
  });

  it('means what the text meant (Node runs both)', () => {
    const run = (code: string) => {
      let out = '';
      new Function('print', code)((s: string) => (out += s));
      return out;
    };
    const plain = run(PROGRAM);
    expect(plain).toMatch(/"fin"/);
    expect(run(detokenise(pretokenise(PROGRAM)))).toBe(plain);
  });

  it('says what is wrong with bytes that are not pretokenised code', () => {
    expect(() => detokenise('a=\xff')).toThrow(/byte 0xff at 2 is no Espruino token/);
    expect(() => detokenise('a=\xd1\x09ab')).toThrow(/string at 2 runs past the end/);
    expect(() => detokenise('a="ab')).toThrow(/unterminated string/);
  });

  it.runIf(ESPRUINO)('means what the text meant on the interpreter, for 300 random expressions', () => {
    const exprs = fc.sample(es5Expressions(['a', 'b', 'o.x', 'o["in"]', 'o.default', 'undefined']), { numRuns: 300, seed: 41 });
    // Each in its own try, so one the interpreter refuses does not hide the rest.
    const program =
      'var o={x:3,"in":"k","default":-2},a=7,b=-5;function p(i,v){print(i+" "+JSON.stringify(v));}' +
      exprs.map((e, i) => `try{p(${i},[${e}]);}catch(e){p(${i},"throws");}`).join('');
    const f = espruinoFolder();
    try {
      const lines = (out: string) => out.split('\n').filter((l) => /^\d+ /.test(l));
      const plain = lines(f.run(program, 20));
      const tok = lines(f.run(`eval(atob("${Buffer.from(pretokenise(program), 'latin1').toString('base64')}"));`, 20));
      expect(plain.length).toBe(exprs.length);
      expect(plain.filter((l) => / "throws"$/.test(l)).length).toBeLessThan(exprs.length / 4);
      expect(tok).toEqual(plain);
    } finally {
      f.cleanup();
    }
  });

  it.runIf(ESPRUINO)('means what the text meant on the Espruino interpreter', () => {
    const f = espruinoFolder();
    try {
      const node = (() => {
        let out = '';
        new Function('print', PROGRAM)((s: string) => (out += s));
        return out;
      })();
      const b64 = Buffer.from(pretokenise(PROGRAM), 'latin1').toString('base64');
      const out = f.run(`eval(${JSON.stringify(PROGRAM)});eval(atob("${b64}"));`, 5);
      const lines = out.split('\n').filter((l) => l.startsWith('['));
      expect(lines).toHaveLength(2);
      expect(lines[1]).toBe(lines[0]);
      expect(lines[0]).toBe(node);
    } finally {
      f.cleanup();
    }
  });
});
