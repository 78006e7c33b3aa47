// RFC 4180 CSV cells, safe to open in a spreadsheet: text that starts like a formula
// (= + - @, tab, carriage return) gets a leading apostrophe; numbers are written as numbers.
export function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function row(values: (string | number | boolean | null | undefined)[]): string {
  return values.map(cell).join(',') + '\r\n';
}
