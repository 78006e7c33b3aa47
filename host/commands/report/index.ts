// `posture report`: the archive's metrics as a self-contained HTML report (and as JSON).
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { archiveDevices, loadDeviceLog, parseWhen } from '../../archive/load';
import { archiveFiles, deviceDir, openDeviceArchive } from '../../archive/archive';
import { UsageError } from '../../cli/errors';
import { deviceReport, ReportData } from '../../report/data';
import { renderReport } from '../../report/html';

export interface ReportOptions {
  cwd: string;
  archive: string;
  device?: string;
  from?: string;
  to?: string;
  /** Where the HTML goes; null writes none (--json alone). */
  out: string | null;
  /** Offset of the report's clock from UTC, minutes (+60 for UTC+01:00). */
  utcOffsetMin: number;
  generated?: Date;
  /** Repair damaged or torn archives first (a copy of a damaged file is kept). */
  repair?: boolean;
}

/** "+01:00", "-05:30", "0", "Z" -> minutes east of UTC. */
export function parseUtcOffset(s: string): number {
  if (s === 'Z' || s === '0' || s === 'UTC') return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})$/.exec(s);
  if (!m || +m[2] > 14 || +m[3] > 59) throw new UsageError(`--utc-offset ${s}: expected +HH:MM or -HH:MM (for example +01:00), or Z`);
  return (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]);
}

export async function reportCommand(o: ReportOptions): Promise<{ out: string | null; data: ReportData; repairs: string[] }> {
  const archive = resolve(o.cwd, o.archive);
  const ids = o.device ? [o.device] : archiveDevices(archive);
  if (o.device) deviceDir(archive, o.device); // refuses a bad id before anything is read
  const repairs = o.repair ? repairArchives(archive, ids) : [];
  const from = o.from === undefined ? undefined : parseWhen('--from', o.from, o.utcOffsetMin);
  const to = o.to === undefined ? undefined : parseWhen('--to', o.to, o.utcOffsetMin) + (/^\d{4}-\d{2}-\d{2}$/.test(o.to) ? 86400000 : 0);
  if (from !== undefined && to !== undefined && to <= from) throw new UsageError(`--to ${o.to} is not after --from ${o.from}`);
  const data: ReportData = {
    generated: (o.generated ?? new Date()).toISOString(),
    utcOffsetMin: o.utcOffsetMin,
    devices: ids.map((id) => deviceReport(loadDeviceLog(archive, id, { from, to }), o.utcOffsetMin)),
  };
  let out: string | null = null;
  if (o.out !== null) {
    out = resolve(o.cwd, o.out);
    writeFileSync(out, renderReport(data));
  }
  return { out, data, repairs };
}

/** Opens each device's archive, which repairs it; says what was repaired. */
export function repairArchives(archive: string, ids: string[]): string[] {
  const said: string[] = [];
  for (const id of ids) {
    for (const log of ['records', 'hours'] as const) {
      const bin = archiveFiles(log).bin;
      if (log === 'hours' && !existsSync(join(deviceDir(archive, id), bin))) continue;
      const r = openDeviceArchive(archive, id, log).repaired;
      if (r.damaged) said.push(`${id}: ${r.damaged} damaged span(s) left out of ${bin}; the original is kept as ${r.savedAs}`);
      if (r.tornBytes) said.push(`${id}: cut ${r.tornBytes} bytes of a torn record at the end of ${bin}`);
    }
  }
  return said;
}
