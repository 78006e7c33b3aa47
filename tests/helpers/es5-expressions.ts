// Random ES5 expressions for the pretokeniser's properties: every binary and unary operator,
// names that are reserved words to Espruino's lexer but identifiers to JavaScript (of, static,
// let, undefined, o.default), integers at the raw forms' edges, floats, and strings full of
// quotes, escapes and control characters. Free names: o (an object with x, in, default), a, b,
// of, let, static.
import fc from 'fast-check';

export const NAMES = ['a', 'b', 'of', 'static', 'let', 'o.x', 'o["in"]', 'o.default', 'undefined'];
const num = fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.constantFrom(0, 99, 100, 127, 128, 255, 256, 32767, 32768, 65535), fc.double({ min: 0, max: 1e6, noNaN: true }));
const str = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 300 });
const op = fc.constantFrom('+', '-', '*', '/', '%', '<<', '>>', '>>>', '&', '|', '^', '&&', '||', '==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in', 'instanceof');
const unary = fc.constantFrom('-', '+', '!', '~', 'typeof ', 'void ', '- -', '+ +');
/** names: the free names to use (Espruino cannot declare of, static or let). */
export function es5Expressions(names = NAMES): fc.Arbitrary<string> {
  const name = fc.constantFrom(...names);
  return fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small' },
      name,
      num.map((n) => String(n)),
      num.map((n) => `${n} .toString(16)`), // "5 .x": without the space, "5." is a number
      str.map((s) => JSON.stringify(s)),
      fc.tuple(tie('e'), op, tie('e')).map(([x, o, y]) => `(${x})${o}(${y})`),
      fc.tuple(unary, tie('e')).map(([u, x]) => `${u}(${x})`),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, x, y]) => `(${c})?(${x}):(${y})`),
      // Signs and increments side by side, where a lost space changes the meaning.
      fc.tuple(name, fc.constantFrom(' - -', '+ +', '- --', '+ ++', '++ +', '-- -', '++', '--'), name).map(([x, o, y]) =>
        o.length === 2 ? `${x}${o}` : `${x}${o}${y}`,
      ),
    ),
  })).e;
}
