// One device's log from the archive, decoded and cut to a time range, plus the raw
// recordings filed beside it (DIR/<id>/samples/*.csv).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../cli/errors';
import { decodeRecord, EventRecord, HourRecord, LogRecord, MinuteRecord } from '../log/records';
import { ArchiveState, deviceDir } from './archive';
import { readRecords } from './reader';
import { checkEvents, logEvents, Violation } from '../log/grammar';

export interface DeviceLog {
  id: string;
  dir: string;
  state: Partial<ArchiveState>;
  minutes: MinuteRecord[];
  events: EventRecord[];
  /** The hourly summaries (hours.bin), in the range like the minutes; [] for archives pulled before the clip kept them. */
  hours: HourRecord[];
  /** Records outside the range, or made before the clip's clock was set when a range is given. */
  excluded: number;
  recordings: string[];
  /** Where the whole pulled log (before any range) breaks the event grammar (docs/events.md). */
  violations: Violation[];
}

/** Inclusive from, exclusive to, both UTC ms; either may be absent. */
export interface TimeRange {
  from?: number;
  to?: number;
}

export function archiveDevices(archiveDir: string): string[] {
  if (!existsSync(archiveDir)) throw new InputError(`no archive at ${archiveDir}: run "npx posture pull --archive ${archiveDir}" first`);
  const ids = readdirSync(archiveDir).filter((d) => /^[0-9a-f]{8}$/.test(d)).sort();
  if (!ids.length) throw new InputError(`${archiveDir} holds no device folders (8 hex digits): pull a clip into it first`);
  return ids;
}

/** "2026-11-26" (local midnight of the given offset) or a full ISO 8601 instant -> UTC ms. */
export function parseWhen(flag: string, s: string, utcOffsetMin: number): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const ms = day ? Date.UTC(+day[1], +day[2] - 1, +day[3]) - utcOffsetMin * 60000 : Date.parse(s);
  // Date.UTC rolls month 13 into the next year and day 31 into the next month: refuse both.
  const real = day && +day[2] >= 1 && +day[2] <= 12 && new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])).getUTCDate() === +day[3];
  if (!Number.isFinite(ms) || (day && !real)) {
    throw new InputError(`${flag} ${s}: expected a date (2026-11-26) or an ISO 8601 time (2026-11-26T09:00:00Z)`);
  }
  return ms;
}

/** A device folder's state.json, or {} when missing or unreadable (records.bin is the truth; state.json only describes). */
export function readState(dir: string): Partial<ArchiveState> {
  const file = join(dir, 'state.json');
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ArchiveState) : {};
  } catch {
    return {};
  }
}

/** The raw recordings filed for a device (DIR/<id>/samples/*.csv), in name order. */
export function recordingFiles(dir: string): string[] {
  const samplesDir = join(dir, 'samples');
  return existsSync(samplesDir) ? readdirSync(samplesDir).filter((f) => f.endsWith('.csv')).sort().map((f) => resolve(samplesDir, f)) : [];
}

export function loadDeviceLog(archiveDir: string, id: string, range: TimeRange = {}): DeviceLog {
  const dir = deviceDir(archiveDir, id);
  const bin = join(dir, 'records.bin');
  if (!existsSync(bin)) throw new InputError(`no records for device ${id} in ${archiveDir}: pull it first`);
  const state = readState(dir);
  const ranged = range.from !== undefined || range.to !== undefined;
  const inRange = (ms: number, set: boolean) => !ranged || (set && (range.from === undefined || ms >= range.from) && (range.to === undefined || ms < range.to));
  const minutes: MinuteRecord[] = [];
  const events: EventRecord[] = [];
  const hours: HourRecord[] = [];
  let excluded = 0;
  const all: LogRecord[] = [];
  const hoursBin = join(dir, 'hours.bin');
  for (const file of existsSync(hoursBin) ? [bin, hoursBin] : [bin]) {
    for (const b of readRecords(file)) {
      const r = decodeRecord(b);
      if (file === bin) all.push(r);
      // An hour is in the range when it starts in it.
      if (!inRange(r.kind === 'event' ? r.t : r.t * 1000, r.clockSet)) excluded++;
      else if (r.kind === 'minute') minutes.push(r);
      else if (r.kind === 'hour') hours.push(r);
      else events.push(r);
    }
  }
  const violations = checkEvents(logEvents(all));
  return { id, dir, state, minutes, events, hours, excluded, recordings: recordingFiles(dir), violations };
}
