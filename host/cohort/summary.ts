// The cohort summary: one row per participant per day (UTC), from the study's own Parquet
// dataset, so that it is the same query a researcher runs in DuckDB (or, with the same SQL,
// in Spark). $MINUTES and $EPISODES stand for the two datasets.
export const SUMMARY_SQL = `
WITH m AS (
  SELECT participant, CAST(time_utc AS DATE) AS day,
    sum(upright_s + slouch_s + moving_s + lying_s) / 60.0 AS worn_min,
    sum(upright_s) AS up, sum(slouch_s) AS sl, sum(alerts) AS alerts, sum(corrections) AS corrections
  FROM $MINUTES WHERE clock_set GROUP BY ALL
), e AS (
  SELECT participant, CAST(start_utc AS DATE) AS day, count(*) AS episodes
  FROM $EPISODES WHERE clock_set GROUP BY ALL
)
SELECT m.participant, m.day, round(m.worn_min, 1) AS worn_min,
  CASE WHEN m.up + m.sl > 0 THEN round(100.0 * m.up / (m.up + m.sl), 1) END AS upright_pct_of_still,
  coalesce(e.episodes, 0) AS episodes, m.alerts,
  CASE WHEN m.alerts > 0 THEN round(100.0 * m.corrections / m.alerts, 1) END AS corrected_pct_of_alerts
FROM m LEFT JOIN e USING (participant, day)
ORDER BY m.participant, m.day`;
