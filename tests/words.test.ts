// The word lookup that replaced list.indexOf(sep + word + sep) in the shared code, and the
// Espruino 2v29 String.indexOf behaviour that made it necessary.
import { describe, expect, it } from 'vitest';
import { wordAt } from '../shared/words';
import { fieldIndex, fieldName, N_FIELDS } from '../shared/config';
import { COMMANDS, isCommand } from '../shared/protocol';

// String.indexOf as Espruino 2v29 runs it on a board (src/jswrap_string.c): the iterator runs
// to the end of the text and a needle cut off there compares equal.
function espruinoIndexOf(h: string, n: string): number {
  for (let i = 0; i < h.length; i++) if (h.startsWith(n.substring(0, h.length - i), i)) return i;
  return -1;
}

describe('wordAt', () => {
  it('finds whole words only, even where indexOf would "find" a cut-off one', () => {
    const list = ',ab,cd,';
    expect(espruinoIndexOf(list, ',x,')).toBe(6); // the bug the helper guards against
    const real = String.prototype.indexOf;
    try {
      // Run the helper against the device's indexOf.
      String.prototype.indexOf = function (this: string, n: string) {
        return espruinoIndexOf(this, n);
      } as typeof String.prototype.indexOf;
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
