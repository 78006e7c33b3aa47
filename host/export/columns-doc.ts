// The column tables of docs/data-formats.md, written from the table schemas (npm run docs);
// the readme test keeps the file equal to them.
import { LEVEL_SCHEMAS } from './table-schemas';

export function columnsTable(level: string): string {
  const l = LEVEL_SCHEMAS.find((x) => x.level === level)!;
  const rows = l.columns.map((c) => {
    const e = c.constraints?.enum as string[] | undefined;
    const meaning = c.description + (e && e.length <= 12 ? ` (${e.join(', ')})` : '') + (c.optional ? '; may be empty' : '');
    return `| \`${c.name}\` | ${c.type} | ${c.unit ?? ''} | ${meaning.replace(/\|/g, '\\|')} |`;
  });
  const code = (ks: string[]) => ks.map((k) => `\`${k}\``).join(' + ');
  const refs = (l.references ?? []).map((r) => ` ${code(r.fields)} names a row of ${r.level} (its ${code(r.referenceFields)}): a foreign key in datapackage.json when both levels are exported into one folder.`).join('');
  return [`${l.title}: ${l.row}. Key: ${code(l.primaryKey)}.${refs}`, '', '| column | type | unit | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** Replaces each <!-- columns:LEVEL --> ... <!-- /columns --> block of a document. */
export function withColumnTables(md: string): string {
  return md.replace(/<!-- columns:([a-z]+) -->[\s\S]*?<!-- \/columns -->/g, (_m, level: string) => `<!-- columns:${level} -->\n${columnsTable(level)}\n<!-- /columns -->`);
}
