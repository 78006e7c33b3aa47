// Builds a synthetic cohort of N participants x DAYS days and prints, as JSON, the build's wall
// time, the summary query against a plain DuckDB scan of the same Parquet, and the process's
// peak RSS (for the cohort benchmark, which runs it at 1x and 10x).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cohortCommand } from '../../host/cohort/build';
import { summaryOver } from '../../host/cohort/summary';
import { writeSyntheticArchive } from '../../host/sim/synthetic-archive';

const [n, days] = process.argv.slice(2).map(Number);
// Peak RSS per phase, sampled: which part of the work holds memory as the cohort grows.
const peaks: Record<string, number> = {};
let phase = 'synthesise';
const sample = () => (peaks[phase] = Math.max(peaks[phase] ?? 0, Math.round(process.memoryUsage().rss / 1048576)));
const timer = setInterval(sample, 20);
const enter = (p: string) => {
  sample();
  phase = p;
};
const dir = mkdtempSync(join(tmpdir(), 'posture-bench-cohort-'));
try {
  const t0 = Date.now();
  for (let i = 0; i < n; i++) writeSyntheticArchive(join(dir, 'arch'), { id: (0x10000000 + i).toString(16), days, start: Date.UTC(2026, 9, 1) });
  const synthMs = Date.now() - t0;
  enter('build');
  const t1 = Date.now();
  const r = await cohortCommand({ cwd: dir, archives: ['arch'], out: 'study', keepClipIds: true });
  const buildMs = Date.now() - t1;
  enter('scan and summary');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const glob = `read_parquet('${join(dir, 'study', 'level=minutes', '*', '*.parquet')}', hive_partitioning = true, hive_types = {'participant': VARCHAR})`;
  const t2 = Date.now();
  const rows = Number((await c.runAndReadAll(`SELECT count(*), sum(upright_s), sum(slouch_s) FROM ${glob}`)).getRows()[0][0]);
  const scanMs = Date.now() - t2;
  const t3 = Date.now();
  await c.runAndReadAll(summaryOver((level) => `'${join(dir, 'study', `level=${level}`, '*', '*.parquet')}'`));
  const summaryMs = Date.now() - t3;
  c.closeSync();
  db.closeSync();
  enter('done');
  process.stdout.write(JSON.stringify({ n, days, rows, synthMs, buildMs, scanMs, summaryMs, summaryRows: r.summaryRows, maxRssMb: process.resourceUsage().maxRSS / 1024, peaks }) + '\n');
} finally {
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
}
