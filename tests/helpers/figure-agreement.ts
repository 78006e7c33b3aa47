// Every figure the report, the history and the exports give for one archive, computed each
// its own way, must agree: episodes counted once whatever midnight, pull or reboot they span.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceLog } from '../../host/archive/load';
import { exportCommand } from '../../host/commands/export/index';
import { DeviceReport } from '../../host/report/data';
import { describeViolation } from '../../host/log/grammar';
import { EV_ALERT, EV_CORRECTED } from '../../shared/events';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Mismatches, as sentences; [] when every figure agrees. */
export async function figureDisagreements(archive: string, log: DeviceLog, rep: DeviceReport): Promise<string[]> {
  const out: string[] = [];
  const same = (what: string, a: number, b: number) => {
    if (a !== b) out.push(`${what}: ${a} vs ${b}`);
  };
  const m = rep.metrics;
  if (log.violations.length) out.push(`grammar: ${log.violations.length} violation(s), first ${log.violations.slice(0, 3).map(describeViolation).join('; ')}`);
  // Episodes: key figure, per-day table, per-hour table, the episodes export.
  same('episodes: key figure vs per-day table + unplaced', m.episodes.count, sum(m.perDay.map((d) => d.episodes)) + m.episodes.unplaced);
  same('episodes: per-day vs per-hour table', sum(m.perDay.map((d) => d.episodes)), sum(m.perHour.map((d) => d.episodes)));
  const csv = join(archive, `agreement-${log.id}.csv`);
  await exportCommand({ cwd: archive, archive, level: 'episodes', out: csv, device: log.id });
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  same('episodes: key figure vs episodes export rows', m.episodes.count, rows.length);
  // The EVA bins hold the episodes whose length the clip measured (those that ended with a slouch_end).
  same('episodes: EVA bins vs exported episodes with a length', sum(m.episodeEva.map((b) => b.count)), rows.filter((r) => r[7] !== '').length);
  // Alerts and corrections: events, the per-day table, the minute records, the history.
  const placedAlerts = log.events.filter((e) => e.type === EV_ALERT && e.clockSet).length;
  same('alerts: key figure vs alert events', m.alerts.count, log.events.filter((e) => e.type === EV_ALERT).length);
  same('alerts: per-day table vs placed alert events', sum(m.perDay.map((d) => d.alerts)), placedAlerts);
  // A minute's record is written when the minute closes, after its events: a pull of a clip
  // that is running holds the events of the open minute but not yet its record. Compare the
  // minute records with the events logged before the last of them (one sequence numbers both).
  const lastMinuteSeq = Math.max(-1, ...log.minutes.map((x) => x.seq));
  const closed = log.events.filter((e) => e.seq < lastMinuteSeq);
  same('alerts: alert events of closed minutes vs minute records', closed.filter((e) => e.type === EV_ALERT).length, sum(log.minutes.map((x) => x.alerts)));
  const fromMinutes = rep.history.days.filter((d) => d.source === 'minutes');
  same('alerts: history (days from minutes) vs minute records', sum(fromMinutes.map((d) => d.alerts)), sum(log.minutes.filter((x) => x.clockSet).map((x) => x.alerts)));
  same('corrections: key figure vs corrected events', m.response.corrected, log.events.filter((e) => e.type === EV_CORRECTED).length);
  same('corrections: corrected events of closed minutes vs minute records', closed.filter((e) => e.type === EV_CORRECTED).length, sum(log.minutes.map((x) => x.corrected)));
  same('corrections: history vs minute records', sum(fromMinutes.map((d) => d.corrections)), sum(log.minutes.filter((x) => x.clockSet).map((x) => x.corrected)));
  return out;
}
