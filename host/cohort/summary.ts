// The cohort summary: one row per participant per day (UTC), from the study's own Parquet
// dataset, so that it is the same query a researcher runs in DuckDB (or, with the same SQL,
// in Spark). $MINUTES, $EPISODES and $EVENTS stand for the three datasets.
export const SUMMARY_SQL = `
WITH m AS (
  SELECT participant, CAST(time_utc AS DATE) AS day,
    sum(upright_s + slouch_s + moving_s + lying_s) / 60.0 AS worn_min,
    sum(upright_s)::BIGINT AS up, sum(slouch_s)::BIGINT AS sl, sum(alerts)::BIGINT AS alerts, sum(corrections)::BIGINT AS corrections
  FROM $MINUTES WHERE clock_set GROUP BY ALL
), e AS (
  SELECT participant, CAST(start_utc AS DATE) AS day, count(*) AS episodes
  FROM $EPISODES WHERE clock_set GROUP BY ALL
), v AS (
  SELECT participant, CAST(time_utc AS DATE) AS day,
    count(*) FILTER (WHERE event = 'break') AS break_reminders,
    count(*) FILTER (WHERE event = 'exercise_set' AND value_b >= 16) AS exercise_sets,
    count(*) FILTER (WHERE event = 'exercise_rep') AS exercise_reps
  FROM $EVENTS WHERE clock_set AND event IN ('break', 'exercise_set', 'exercise_rep') GROUP BY ALL
)
SELECT m.participant, m.day, round(m.worn_min, 1) AS worn_min,
  CASE WHEN m.up + m.sl > 0 THEN round(100.0 * m.up / (m.up + m.sl), 1) END AS upright_pct_of_still,
  coalesce(e.episodes, 0) AS episodes, m.alerts,
  CASE WHEN m.alerts > 0 THEN round(100.0 * m.corrections / m.alerts, 1) END AS corrected_pct_of_alerts,
  coalesce(v.break_reminders, 0) AS break_reminders, coalesce(v.exercise_sets, 0) AS exercise_sets,
  coalesce(v.exercise_reps, 0) AS exercise_reps
FROM m LEFT JOIN e USING (participant, day) LEFT JOIN v USING (participant, day)
ORDER BY m.participant, m.day`;

/** The summary with each dataset given as a table expression. */
export function summarySql(src: (level: string) => string): string {
  return SUMMARY_SQL.replace(/\$MINUTES/g, src('minutes')).replace(/\$EPISODES/g, src('episodes')).replace(/\$EVENTS/g, src('events'));
}

/** The summary over a study folder's Parquet datasets, as DuckDB reads them (the researcher's query). */
export function summaryOver(glob: (level: string) => string): string {
  return summarySql((level) => `read_parquet(${glob(level)}, hive_partitioning = true, hive_types = {'participant': VARCHAR})`);
}
