// The word lookup that replaced list.indexOf(sep + word + sep) in the shared code, and the
// Espruino 2v29 String.indexOf behaviour that made it necessary.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ESPRUINO_INDEXOF } from '../host/sim/espruino-env';
import { wordAt } from '../shared/words';
import { fieldIndex, fieldName, N_FIELDS } from '../shared/config';
import { COMMANDS, isCommand } from '../shared/protocol';
import { ESPRUINO, espruinoFolder } from './helpers/espruino-run';

// String.indexOf as Espruino 2v29 runs it on a board: the virtual device's copy.
const espruinoIndexOfFn = runInNewContext(ESPRUINO_INDEXOF + ';String.prototype.indexOf') as (this: string, n: string) => number;
const espruinoIndexOf = (h: string, n: string): number => espruinoIndexOfFn.call(h, n);

describe('wordAt', () => {
  it('finds whole words only, even where indexOf would "find" a cut-off one', () => {
    const list = ',ab,cd,';
    expect(espruinoIndexOf(list, ',x,')).toBe(6); // the bug the helper guards against
    const real = String.prototype.indexOf;
    try {
      // Run the helper against the device's indexOf.
      String.prototype.indexOf = espruinoIndexOfFn as typeof String.prototype.indexOf;
      expect(wordAt(list, 'x', ',')).toBe(-1);
      expect(wordAt(list, 'cd', ',')).toBe(3);
      expect(wordAt(list, 'ab', ',')).toBe(0);
      expect(fieldIndex('nope')).toBe(-1);
      expect(fieldIndex('calib_')).toBe(-1);
      expect(isCommand('xyz')).toBe(false);
      expect(isCommand('repl')).toBe(true);
    } finally {
      String.prototype.indexOf = real;
    }
  });

  it('refuses what is not a single word', () => {
    for (const w of ['', 'a,b', ',', 3, null, undefined, {}]) expect(wordAt(',a,b,', w, ',')).toBe(-1);
  });

  it('maps every field and command name both ways', () => {
    for (let i = 0; i < N_FIELDS; i++) expect(fieldIndex(fieldName(i))).toBe(i);
    for (const c of COMMANDS) expect(isCommand(c)).toBe(true);
    expect(isCommand('hello world')).toBe(false);
  });
});

describe.runIf(ESPRUINO)("the virtual device's indexOf against the interpreter's", () => {
  it('gives the same index for every case, quirk included', () => {
    const cases: [string, string, number?][] = [
      [',abc,', ',x,'], ['abc', 'zz'], [',ab,', ',nope,'], ['hello,', 'o,x'], ['xyz,', ',q'], ['ab,', ',zz,'],
      ['abcabc', 'c', 3], ['abc', ''], ['aaa', 'aa', 2], ['abcd', 'cdx'], [' hello get ', ' ge'], [',a,b,', ',b,'],
    ];
    const { run, cleanup } = espruinoFolder();
    try {
      const js = cases.map(([h, n, f]) => `${JSON.stringify(h)}.indexOf(${JSON.stringify(n)}${f === undefined ? '' : ',' + f})`);
      const out = run(`print("R"+JSON.stringify([${js.join(',')}]));`, 5);
      const real = JSON.parse(/R(\[.*\])/.exec(out)![1]) as number[];
      const ours = cases.map(([h, n, f]) => (espruinoIndexOfFn as (this: string, n: string, f?: number) => number).call(h, n, f));
      expect(ours).toEqual(real);
    } finally {
      cleanup();
    }
  });
});
