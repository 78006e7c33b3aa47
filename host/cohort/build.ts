// `posture cohort`: many clips' archives as one study. Each level becomes one Hive-partitioned
// Parquet dataset (STUDY/level=L/participant=P/data.parquet) with the participant in place of
// the clip id; a participant's partitions are rewritten alone, so adding participants touches
// nothing else. The per-participant, per-day summary is a DuckDB query over that dataset.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { archiveDevices } from '../archive/load';
import { InputError, UsageError } from '../cli/errors';
import { exportCommand } from '../commands/export/index';
import { readCsvSql } from '../export/parquet';
import { levelSchema } from '../export/table-schemas';
import { readParticipants } from './participants';
import { summarySql } from './summary';
import { cohortReport } from './report';

export const COHORT_LEVELS = ['minutes', 'hours', 'events', 'episodes', 'exercise'];

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Participants written with one embedded database before it is closed and opened afresh. */
const FRESH_DB_EVERY = 25;

async function openDb() {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
  // A study of any size in bounded memory: DuckDB spills past this instead of growing.
  await c.run("SET memory_limit = '160MB'");
  // One thread: each participant's files are small, and every thread holds its own buffers.
  await c.run('SET threads = 1');
  return { db, c };
}

export interface CohortOptions {
  cwd: string;
  archives: string[];
  out: string;
  participants?: string;
  keepClipIds?: boolean;
  /** After each participant: how many are done, of how many. */
  onParticipant?: (done: number, total: number) => void;
}

export interface CohortResult {
  study: string;
  participants: { participant: string; clip: string; archive: string; rows: Record<string, number> }[];
  summaryRows: number;
  summary: string;
  /** cohort-report.html: completeness, spread across participants, participants x days. */
  report: string;
}

export async function cohortCommand(o: CohortOptions): Promise<CohortResult> {
  if (!o.archives.length) throw new UsageError('cohort needs at least one ARCHIVE folder (what posture pull --archive filled)');
  const study = resolve(o.cwd, o.out);
  const clips: { clip: string; archive: string }[] = [];
  for (const a of o.archives) for (const clip of archiveDevices(resolve(o.cwd, a))) clips.push({ clip, archive: resolve(o.cwd, a) });
  const dup = clips.find((c, i) => clips.findIndex((d) => d.clip === c.clip) !== i);
  if (dup) throw new InputError(`clip ${dup.clip} is in more than one archive (${clips.filter((c) => c.clip === dup.clip).map((c) => c.archive).join(', ')}): give each clip's archive once`);
  const map = o.participants ? readParticipants(resolve(o.cwd, o.participants)) : null;
  if (map) {
    const missing = clips.filter((c) => !map.has(c.clip)).map((c) => c.clip);
    if (missing.length) throw new InputError(`${o.participants} has no participant for clip(s) ${missing.join(', ')}: add a line clip_id,participant_id for each`);
  } else if (!o.keepClipIds) {
    throw new UsageError('cohort needs --participants FILE (clip_id,participant_id per line), or --keep-clip-ids to name participants by their clip ids');
  }
  mkdirSync(study, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'posture-cohort-'));
  let { db, c } = await openDb();
  const done: CohortResult['participants'] = [];
  try {
    for (const { clip, archive } of clips) {
      // A fresh database now and then: one kept for the whole study grew by ~14 MB per 100
      // participants (native memory, not its buffer pool), so peak memory grew with the study.
      if (done.length && done.length % FRESH_DB_EVERY === 0) {
        c.closeSync();
        db.closeSync();
        ({ db, c } = await openDb());
      }
      const participant = map ? map.get(clip)! : clip;
      const rows: Record<string, number> = {};
      for (const level of COHORT_LEVELS) {
        const csv = join(work, `${clip}-${level}.csv`);
        const r = await exportCommand({ cwd: work, archive, level, device: clip, out: csv });
        rows[level] = r.rows;
        const cols = levelSchema(level).columns.map((x) => x.name).filter((n) => n !== 'device_id' || o.keepClipIds);
        const part = join(study, `level=${level}`, `participant=${participant}`);
        // Written aside, then swapped in: a failure leaves the participant's old data whole.
        const tmp = `${part}.new`;
        rmSync(tmp, { recursive: true, force: true });
        mkdirSync(tmp, { recursive: true });
        await c.run(`COPY (SELECT ${cols.map((n) => `"${n}"`).join(', ')} FROM ${readCsvSql(csv, level)}) TO ${q(join(tmp, 'data.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
        rmSync(part, { recursive: true, force: true });
        renameSync(tmp, part);
        rmSync(csv, { force: true });
        rmSync(join(work, 'datapackage.json'), { force: true });
      }
      // The participant's rows of the cohort summary, from their files alone: the summary of a
      // study is these partitions side by side, so its cost does not grow with the study.
      const own = join(study, 'level=summary', `participant=${participant}`);
      rmSync(`${own}.new`, { recursive: true, force: true });
      mkdirSync(`${own}.new`, { recursive: true });
      const one = (level: string) => `(SELECT *, ${q(participant)} AS participant FROM read_parquet(${q(join(study, `level=${level}`, `participant=${participant}`, 'data.parquet'))}, hive_partitioning = false))`;
      await c.run(`COPY (SELECT * EXCLUDE (participant) FROM (${summarySql(one)})) TO ${q(join(`${own}.new`, 'data.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
      rmSync(own, { recursive: true, force: true });
      renameSync(`${own}.new`, own);
      done.push({ participant, clip, archive, rows });
      o.onParticipant?.(done.length, clips.length);
    }
    // summary.csv: every participant's summary partition in turn (this build's and earlier ones'),
    // one file at a time: a query over all of them at once took memory in proportion.
    const summary = join(study, 'summary.csv');
    const parts = readdirSync(join(study, 'level=summary')).filter((d) => d.startsWith('participant=') && !d.endsWith('.new')).sort();
    const piece = join(work, 'piece.csv');
    writeFileSync(summary, '');
    for (const [i, d] of parts.entries()) {
      if (i && i % FRESH_DB_EVERY === 0) {
        c.closeSync();
        db.closeSync();
        ({ db, c } = await openDb());
      }
      const who = d.slice('participant='.length);
      await c.run(`COPY (SELECT ${q(who)} AS participant, * FROM read_parquet(${q(join(study, 'level=summary', d, 'data.parquet'))}, hive_partitioning = false) ORDER BY day) TO ${q(piece)} (HEADER ${i === 0 ? 'true' : 'false'}, DELIMITER ',')`);
      appendFileSync(summary, readFileSync(piece));
    }
    const sum = (await c.runAndReadAll(`SELECT participant::VARCHAR AS p, strftime(day, '%Y-%m-%d') AS d, worn_min, upright_pct_of_still, episodes, alerts FROM read_csv(${q(summary)}, header = true, columns = {'participant': 'VARCHAR', 'day': 'DATE', 'worn_min': 'DOUBLE', 'upright_pct_of_still': 'DOUBLE', 'episodes': 'BIGINT', 'alerts': 'BIGINT', 'corrected_pct_of_alerts': 'DOUBLE', 'break_reminders': 'BIGINT', 'exercise_sets': 'BIGINT', 'exercise_reps': 'BIGINT'})`)).getRows();
    const n = sum.length;
    const report = join(study, 'cohort-report.html');
    writeFileSync(report, cohortReport(sum.map((r) => ({
      participant: String(r[0]), day: String(r[1]), wornMin: Number(r[2]), uprightPct: r[3] === null ? null : Number(r[3]), episodes: Number(r[4]), alerts: Number(r[5]),
    })), { built: new Date().toISOString() }));
    writeFileSync(join(study, 'study.json'), JSON.stringify({
      schema: 'posture-cohort', version: 1, built: new Date().toISOString(), levels: COHORT_LEVELS,
      layout: 'level=<level>/participant=<participant>/data.parquet (Hive partitions)',
      clipIdsKept: !!o.keepClipIds,
    }, null, 2) + '\n');
    return { study, participants: done, summaryRows: n, summary, report };
  } finally {
    c.closeSync();
    db.closeSync();
    rmSync(work, { recursive: true, force: true });
  }
}
