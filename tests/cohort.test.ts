// posture cohort over three archives: one Hive-partitioned Parquet dataset per level that
// DuckDB reads with hive_partitioning, participants instead of clip ids, a per-day summary,
// and a study that grows one participant at a time.
import { mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { cohortCommand } from '../host/cohort/build';
import { summaryOver } from '../host/cohort/summary';
import { writeSyntheticArchive } from '../host/sim/synthetic-archive';
import { posture } from './helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'posture-cohort-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CLIPS = ['0a0a0a0a', '0b0b0b0b', '0c0c0c0c', '0d0d0d0d'];
CLIPS.forEach((id, i) => writeSyntheticArchive(join(dir, `clinic-${i}`), { id, days: 2 + i, start: Date.UTC(2026, 10, 2 + i) }));
writeFileSync(join(dir, 'participants.csv'), 'clip_id,participant_id\n' + CLIPS.map((c, i) => `${c},P${i + 1}`).join('\n') + '\n');

async function query(sql: string) {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run("SET TimeZone = 'UTC'");
    return (await c.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

describe('posture cohort', () => {
  it('builds a study from three archives that DuckDB reads with hive_partitioning, with no clip ids in it', async () => {
    const r = await cohortCommand({ cwd: dir, archives: ['clinic-0', 'clinic-1', 'clinic-2'], out: 'study', participants: 'participants.csv' });
    expect(r.participants.map((p) => p.participant)).toEqual(['P1', 'P2', 'P3']);
    const per = await query(`SELECT participant, count(*) AS n FROM read_parquet('${join(dir, 'study', 'level=minutes', '*', '*.parquet')}', hive_partitioning = true, hive_types = {'participant': VARCHAR}) GROUP BY ALL ORDER BY ALL`);
    expect(per.map((x) => [x.participant, Number(x.n)])).toEqual(r.participants.map((p) => [p.participant, p.rows.minutes]));
    const cols = await query(`DESCRIBE SELECT * FROM read_parquet('${join(dir, 'study', 'level=events', '*', '*.parquet')}', hive_partitioning = true, hive_types = {'participant': VARCHAR})`);
    expect(cols.map((c) => c.column_name)).not.toContain('device_id');
    expect(cols.map((c) => c.column_name)).toContain('participant');
    const summary = readFileSync(r.summary, 'utf8').trim().split('\n');
    expect(summary[0]).toBe('participant,day,worn_min,upright_pct_of_still,episodes,alerts,corrected_pct_of_alerts,break_reminders,exercise_sets,exercise_reps');
    expect(summary.length - 1).toBe(r.summaryRows);
    // The exercise columns are the exercise level's completed sets and repetitions.
    const ex = await query(`SELECT count(*) FILTER (WHERE event = 'exercise_set' AND completed) AS sets, count(*) FILTER (WHERE event = 'exercise_rep') AS reps FROM read_parquet('${join(dir, 'study', 'level=exercise', '*', '*.parquet')}', hive_partitioning = true, hive_types = {'participant': VARCHAR})`);
    const cells = summary.slice(1).map((l) => l.split(','));
    expect(cells.reduce((a, x) => a + Number(x[8]), 0)).toBe(Number(ex[0].sets));
    expect(cells.reduce((a, x) => a + Number(x[9]), 0)).toBe(Number(ex[0].reps));
    expect(Number(ex[0].reps)).toBeGreaterThan(0);
    expect(r.summaryRows).toBe(2 + 3 + 4); // each participant's days
    for (const c of CLIPS) expect(readFileSync(r.summary, 'utf8')).not.toContain(c);
    const html = readFileSync(r.report, 'utf8');
    expect(html).toContain('3 participant(s)');
    expect(html.match(/<rect [^>]*><title>P\d /g)).toHaveLength(3 * 6); // participants x the span's days (Nov 2 to 7)
    expect(html).toMatch(/9 participant-days with data, \d+ of them complete/);
    for (const c of CLIPS) expect(html).not.toContain(c);
  });

  it('adds a participant by rewriting only their partitions', async () => {
    const other = join(dir, 'study', 'level=minutes', 'participant=P1', 'data.parquet');
    const before = statSync(other).mtimeMs;
    const r = await cohortCommand({ cwd: dir, archives: ['clinic-3'], out: 'study', participants: 'participants.csv' });
    expect(r.participants.map((p) => p.participant)).toEqual(['P4']);
    expect(statSync(other).mtimeMs).toBe(before);
    const n = await query(`SELECT count(DISTINCT participant) AS n FROM read_parquet('${join(dir, 'study', 'level=minutes', '*', '*.parquet')}', hive_partitioning = true, hive_types = {'participant': VARCHAR})`);
    expect(Number(n[0].n)).toBe(4);
    expect(r.summaryRows).toBe(2 + 3 + 4 + 5);
  });

  it('writes the summary as the researcher\'s query over the whole dataset gives it; numeric-looking ids stay text', async () => {
    // Participant ids that look like numbers (clip ids kept, all digits) must not become numbers.
    writeSyntheticArchive(join(dir, 'digits'), { id: '00251628', days: 2, start: Date.UTC(2026, 10, 2) });
    const r = await cohortCommand({ cwd: dir, archives: ['digits', 'clinic-1'], out: 'kept', keepClipIds: true });
    const whole = await query(`COPY (${summaryOver((level) => `'${join(dir, 'kept', `level=${level}`, '*', '*.parquet')}'`)}) TO '${join(dir, 'whole.csv')}' (HEADER, DELIMITER ',')`);
    expect(whole).toBeDefined();
    expect(readFileSync(r.summary, 'utf8')).toBe(readFileSync(join(dir, 'whole.csv'), 'utf8'));
    expect(readFileSync(r.summary, 'utf8')).toMatch(/\n00251628,2026-11-02,/);
  });

  it('runs the DuckDB query of docs/data-formats.md as printed (its Spark SQL twin is the same query)', async () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'data-formats.md'), 'utf8');
    const m = doc.match(/-- DuckDB\n([\s\S]*?);\n\n-- Spark SQL\n([\s\S]*?)\n```/);
    expect(m, 'the DuckDB and Spark SQL blocks').not.toBeNull();
    const rows = await query(m![1].replace(/study-data\//g, `${join(dir, 'study')}/`));
    expect(rows.length).toBe(2 + 3 + 4 + 5); // every participant-day of the study built above
    expect(rows.every((r) => typeof r.participant === 'string' && Number(r.upright_pct) > 0 && Number(r.upright_pct) <= 100)).toBe(true);
    // The Spark twin asks the same: the same select list and filter, over the same folder.
    const select = (sql: string) => sql.slice(sql.indexOf('SELECT'), sql.indexOf('FROM')).trim();
    expect(m![2]).toMatch(/^CREATE TEMPORARY VIEW minutes USING parquet OPTIONS \(path 'study-data\/level=minutes'\);/);
    expect(select(m![2].split('\n').slice(1).join('\n'))).toBe(select(m![1]));
  });

  it('refuses a study without a mapping, a clip the mapping lacks, and a bad mapping, in words', () => {
    const run = (args: string[]) => posture(['cohort', ...args], { cwd: dir });
    expect(run(['clinic-0', '--out', 'x']).stderr).toMatch(/cohort needs --participants FILE \(clip_id,participant_id per line\), or --keep-clip-ids/);
    writeFileSync(join(dir, 'some.csv'), 'clip_id,participant_id\n0a0a0a0a,P1\n');
    expect(run(['clinic-0', 'clinic-1', '--participants', 'some.csv', '--out', 'x']).stderr).toMatch(/some\.csv has no participant for clip\(s\) 0b0b0b0b: add a line/);
    writeFileSync(join(dir, 'bad.csv'), 'clip,who\n');
    const bad = run(['clinic-0', '--participants', 'bad.csv', '--out', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv: the first line must be the header clip_id,participant_id/);
    expect(run(['nowhere', '--keep-clip-ids', '--out', 'x']).stderr).toMatch(/no archive at .*nowhere/);
  });
});
