// The word lookup that replaced list.indexOf(sep + word + sep) in the shared code, and the
// Espruino 2v29 String.indexOf behaviour that made it necessary.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ESPRUINO_INDEXOF } from '../host/sim/espruino-env';
import { wordAt } from '../shared/words';
import { fieldIndex, fieldName, N_FIELDS } from '../shared/config';
import { COMMANDS, isCommand } from '../shared/protocol';

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
