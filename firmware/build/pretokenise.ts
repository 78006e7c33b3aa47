// Pretokenised code: the form Espruino's own tools upload (the Web IDE's "pretokenise" option,
// the Bangle.js app loader), which the interpreter lexes natively. Each reserved word and
// multi-character operator becomes one byte, a string literal its raw bytes behind a length,
// an integer literal two or three bytes, and only the whitespace the lexer needs is kept.
// A device bundle is ~17% smaller in flash this way (and runs about as fast); and a string too
// long for one variable is then read straight from flash instead of being copied to RAM.
//
// The byte values are Espruino's lexer tokens (src/jslex.h, LEX_TYPES), which its sources say
// are fixed because uploaded code relies on them. Raw strings need Espruino 2v21, raw integers
// 2v26 (ChangeLog).
import { Token, tokenizer, tokTypes } from 'acorn';

/** LEX_EQUAL (0x8A) onwards: the two- and three-character operators. */
const OPERATORS = ['==', '===', '!=', '!==', '<=', '<<', '<<=', '>=', '>>', '>>>', '>>=', '>>>=', '+=', '-=', '++', '--', '*=', '/=', '%=', '&=', '&&', '|=', '||', '^='];
const OP_FIRST = 0x8a;
/** LEX_R_IF (0xA3) onwards: the reserved words, in the lexer's order. */
const WORDS = [
  'if', 'else', 'do', 'while', 'for', 'break', 'continue', 'function', 'return', 'var', 'let', 'const', 'this', 'throw', 'try',
  'catch', 'finally', 'true', 'false', 'null', 'undefined', 'new', 'in', 'instanceof', 'switch', 'case', 'default', 'delete',
  'typeof', 'void', 'debugger', 'class', 'extends', 'super', 'static', 'of',
];
const WORD_FIRST = 0xa3;
const RAW_STRING8 = 0xd1, RAW_STRING16 = 0xd2, RAW_INT0 = 0xd3, RAW_INT8 = 0xd4, RAW_INT16 = 0xd5;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;

/**
 * The pretokenised bytes of ES5 source (a latin1 string, as Storage holds it). Throws on a
 * regular expression or template literal: the firmware has none, and keeping them exact
 * would need the lexer's context rules.
 */
export function pretokenise(src: string): string {
  let out = '';
  let prevEnd = 0;
  let prevText = false, prevNum = false; // the last piece went out as text; as a number's text
  for (const t of tokenizer(src, { ecmaVersion: 5 }) as Iterable<Token & { value?: unknown }>) {
    const text = src.slice(t.start, t.end);
    // Keep a newline the minifier put between tokens: automatic semicolon insertion may need it.
    if (/\n/.test(src.slice(prevEnd, t.start))) out += '\n';
    prevEnd = t.end;
    let piece: string;
    if (t.type === tokTypes.regexp || t.type === tokTypes.template) throw new Error(`pretokenise: a ${t.type.label} literal at ${t.start} is not supported`);
    // Raw strings carry at most a 16-bit length; a longer one stays text.
    if (t.type === tokTypes.string && typeof t.value === 'string' && t.value.length > 0 && t.value.length < 65536 && /^[\x00-\x7f]*$/.test(t.value)) {
      const n = t.value.length;
      piece = n < 256 ? String.fromCharCode(RAW_STRING8, n) : String.fromCharCode(RAW_STRING16, n & 255, n >> 8);
      piece += t.value;
    } else if (t.type === tokTypes.num && /^\d+$/.test(text) && Number(text) <= 32767) {
      const v = Number(text);
      // A one- or two-digit number is shorter as text; 0 costs a byte either way.
      if (v === 0) piece = String.fromCharCode(RAW_INT0);
      else if (v >= 100 && v < 128) piece = String.fromCharCode(RAW_INT8, v);
      else if (v >= 128) piece = String.fromCharCode(RAW_INT16, v & 255, v >> 8);
      else piece = text;
    } else if (WORDS.includes(text) && (t.type.keyword !== undefined || t.type === tokTypes.name)) {
      piece = String.fromCharCode(WORD_FIRST + WORDS.indexOf(text));
    } else if (OPERATORS.includes(text) && t.type !== tokTypes.string) {
      piece = String.fromCharCode(OP_FIRST + OPERATORS.indexOf(text));
    } else piece = text;
    // The lexer needs a space only between two names or numbers, inside "- -" and "+ +", and
    // in "5 .x" (else "5." is a number).
    const last = out.charCodeAt(out.length - 1), first = piece.charCodeAt(0);
    if (prevText && ((isWordChar(last) && isWordChar(first)) || ((last === 43 || last === 45) && last === first) || (prevNum && first === 46))) out += ' ';
    out += piece;
    prevText = piece === text;
    prevNum = prevText && t.type === tokTypes.num;
  }
  return out;
}

/** True when code holds token bytes (Espruino reads both forms; source text is plain ASCII). */
export function isPretokenised(code: string): boolean {
  return /[\x80-\xff]/.test(code);
}

/**
 * The source text of pretokenised code (what Espruino prints for such a function): for the
 * virtual device, which runs JavaScript, and for checking an upload. Plain text passes through.
 */
export function detokenise(code: string): string {
  let out = '';
  let afterToken = false; // a plain character next to a token may need a space
  const put = (s: string) => {
    afterToken = true;
    const last = out.charCodeAt(out.length - 1);
    if (isWordChar(last) && isWordChar(s.charCodeAt(0))) out += ' ';
    out += s;
  };
  for (let i = 0; i < code.length; ) {
    const c = code.charCodeAt(i);
    if (c === 34 || c === 39) {
      // A quoted string kept as text: copied whole, escapes included.
      let j = i + 1;
      while (j < code.length && code.charCodeAt(j) !== c) j += code.charCodeAt(j) === 92 ? 2 : 1;
      if (j >= code.length) throw new Error(`detokenise: unterminated string at ${i}`);
      put(code.slice(i, j + 1));
      i = j + 1;
    } else if (c === RAW_STRING8 || c === RAW_STRING16) {
      const n = c === RAW_STRING8 ? code.charCodeAt(i + 1) : code.charCodeAt(i + 1) | (code.charCodeAt(i + 2) << 8);
      const at = i + (c === RAW_STRING8 ? 2 : 3);
      if (at + n > code.length || Number.isNaN(n)) throw new Error(`detokenise: a string at ${i} runs past the end`);
      put(JSON.stringify(code.slice(at, at + n)));
      i = at + n;
    } else if (c === RAW_INT0) {
      put('0');
      i++;
    } else if (c === RAW_INT8) {
      put(String((code.charCodeAt(i + 1) << 24) >> 24));
      i += 2;
    } else if (c === RAW_INT16) {
      put(String(((code.charCodeAt(i + 1) | (code.charCodeAt(i + 2) << 8)) << 16) >> 16));
      i += 3;
    } else if (c >= WORD_FIRST && c < WORD_FIRST + WORDS.length) {
      put(WORDS[c - WORD_FIRST]);
      i++;
    } else if (c >= OP_FIRST && c < OP_FIRST + OPERATORS.length) {
      // "a- --b": keep an operator apart from a following or preceding sign of its own kind.
      const op = OPERATORS[c - OP_FIRST];
      const last = out[out.length - 1];
      if ((last === '+' || last === '-') && op[0] === last) out += ' ';
      out += op;
      afterToken = false;
      i++;
    } else if (c >= 0x80) {
      throw new Error(`detokenise: byte 0x${c.toString(16)} at ${i} is no Espruino token`);
    } else {
      const last = out.charCodeAt(out.length - 1);
      if (afterToken && ((isWordChar(last) && isWordChar(c)) || (isDigit(last) && c === 46))) out += ' ';
      afterToken = false;
      out += code[i];
      i++;
    }
  }
  return out;
}
