// Parquet from an export's CSV, through DuckDB (embedded): the columns get the types of the
// level's Table Schema (times as UTC TIMESTAMP WITH TIME ZONE), and the file's key-value
// metadata carries that schema and the clips' firmware and prescription.
import { DuckDBInstance } from '@duckdb/node-api';
import { levelSchema, tableSchema } from './table-schemas';

const SQL_TYPE = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', datetime: 'TIMESTAMPTZ' } as const;

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** DuckDB's read_csv of an exported CSV with the level's types (the docs give the same query). */
export function readCsvSql(path: string, level: string): string {
  const cols = levelSchema(level).columns.map((c) => `${q(c.name)}: ${q(SQL_TYPE[c.type])}`).join(', ');
  return `read_csv(${q(path)}, header = true, delim = ',', quote = '"', nullstr = '', columns = {${cols}})`;
}

export async function csvToParquet(csv: string, parquet: string, level: string, clips: Record<string, unknown>): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run("SET TimeZone = 'UTC'");
    const meta = `{schema: ${q(JSON.stringify(tableSchema(level)))}, level: ${q(level)}, clips: ${q(JSON.stringify(clips))}}`;
    await c.run(`COPY (SELECT * FROM ${readCsvSql(csv, level)}) TO ${q(parquet)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA ${meta})`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
