// Looking a word up in a list kept as one string (on the device a string costs a few
// variables, an array of strings one or more per element).
//
// Why not just list.indexOf(sep + word + sep): Espruino 2v29's String.indexOf also "finds" a
// needle whose beginning is the end of the text (",ab,".indexOf(",x,") gives 3), so every
// hit is checked to be whole.

/** Position of sep + word + sep in list (which starts and ends with sep), or -1. */
export function wordAt(list: string, word: unknown, sep: string): number {
  if (typeof word !== 'string' || !word || word.indexOf(sep) >= 0) return -1;
  const w = sep + word + sep;
  const at = list.indexOf(w);
  return at >= 0 && list.substring(at, at + w.length) === w ? at : -1;
}
