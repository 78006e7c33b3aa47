// `posture replay <samples.csv>`: runs the shared core on a recording and returns its events.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Config } from '../../../shared/config';
import { configFrom } from '../../cli/args';
import { InputError, UsageError, fileProblem } from '../../cli/errors';
import { emitScript } from '../../replay/emit-script';
import { CalibrationWindow, defaultCalibration, nearestRate, replay, ReplayEvent } from '../../replay/replay';
import { estimateRate, parseSamplesCsv, Recording } from '../../replay/samples-csv';
import { compareGrid, summarise } from '../../metrics/replay-summary';
import { checkEvents, Violation } from '../../log/grammar';
import { parseSchedule, ScheduledAction } from '../../replay/schedule';
import { fmtSeconds } from '../../cli/output';

export interface ReplayOptions {
  cwd: string;
  file: string;
  set?: string[];
  calibrate?: string;
  emitScript?: string;
  /** "--at TIME ACTION" pairs, in the order given. */
  at?: [string, string][];
}

export interface ReplayResult {
  config: Config;
  calibration: CalibrationWindow;
  samples: number;
  rateHz: number;
  clamped: number;
  events: ReplayEvent[];
  schedule: ScheduledAction[];
  /** Where the events break the grammar (docs/events.md): always empty unless the core has a bug. */
  violations: Violation[];
  scriptPath?: string;
  /** firmware/dist differs from the source: the device runs older code until `npm run build`. */
  staleDist?: boolean;
}

export function parseCalibrate(spec: string): CalibrationWindow {
  const m = /^(\d+)-(\d+)$/.exec(spec.trim());
  if (!m) throw new UsageError(`--calibrate ${spec}: expected START_MS-END_MS, for example 0-5000`);
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end <= start) throw new UsageError(`--calibrate ${spec}: END_MS must be after START_MS`);
  return { start, ms: end - start };
}

export function loadRecording(cwd: string, file: string): Recording {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${fileProblem(e)}`);
  }
  return parseSamplesCsv(text, file);
}

/** Config for a recording: the given assignments, with rate_hz taken from the data unless set. */
export function configForRecording(rec: Recording, set: string[] | undefined): { config: Config; rateHz: number } {
  const rateHz = estimateRate(rec);
  const explicitRate = (set ?? []).some((s) => s.trim().startsWith('rate_hz='));
  const config = configFrom(explicitRate ? set : [...(set ?? []), `rate_hz=${nearestRate(rateHz)}`]);
  return { config, rateHz };
}

export async function replayCommand(o: ReplayOptions): Promise<ReplayResult> {
  if (!o.file) throw new UsageError('replay needs a samples CSV file: posture replay <samples.csv>');
  const base = configFrom(o.set); // flag errors first, before reading a possibly large file
  parseSchedule(o.at ?? [], base);
  if (o.at?.length && o.emitScript) throw new UsageError('--emit-script replays one prescription; leave out --at to write a script');
  if (o.calibrate) parseCalibrate(o.calibrate);
  const rec = loadRecording(o.cwd, o.file);
  const { config, rateHz } = configForRecording(rec, o.set);
  const calibration = o.calibrate ? parseCalibrate(o.calibrate) : defaultCalibration(rec);
  const schedule = scheduleFor(rec, config, o.at);
  const events = replay(rec, config, calibration, schedule);
  const violations = checkEvents(events, { complete: true, initialMode: config.mode });
  const result: ReplayResult = { config, calibration, samples: rec.n, rateHz, clamped: rec.clamped, events, schedule, violations };
  if (o.emitScript) {
    const path = resolve(o.cwd, o.emitScript);
    const { script, stale } = await emitScript(rec, config, calibration);
    writeFileSync(path, script);
    result.scriptPath = path;
    result.staleDist = stale;
  }
  return result;
}

/** The schedule, checked against the recording: a change after its end would silently do nothing. */
export function scheduleFor(rec: Recording, config: Config, at: [string, string][] | undefined): ScheduledAction[] {
  const schedule = parseSchedule(at ?? [], config);
  const span = rec.n ? rec.t[rec.n - 1] - rec.t[0] : 0;
  for (const s of schedule) {
    if (s.atMs >= span) throw new UsageError(`${s.spec}: the recording lasts only ${fmtSeconds(span)} (h:mm:ss from its first sample)`);
  }
  return schedule;
}

export interface CompareRow {
  set: string[];
  alerts: number;
  alertsPerHour: number;
  firstAlertS: number | null;
  uprightPct: number | null;
  exerciseReps: number;
  exerciseSets: number;
}

/** One recording under every combination of --compare values (on top of --set). */
export function replayCompare(o: ReplayOptions & { compare: string[] }): { rows: CompareRow[]; hours: number; samples: number } {
  let grid: string[][];
  try {
    grid = compareGrid(o.compare);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  for (const g of grid) configFrom([...(o.set ?? []), ...g]); // every combination valid before any work
  if (o.calibrate) parseCalibrate(o.calibrate);
  const rec = loadRecording(o.cwd, o.file);
  const calibration = o.calibrate ? parseCalibrate(o.calibrate) : defaultCalibration(rec);
  const tEnd = rec.t[rec.n - 1];
  const schedule = scheduleFor(rec, configFrom(o.set), o.at);
  let hours = 0;
  const rows = grid.map((g) => {
    const { config } = configForRecording(rec, [...(o.set ?? []), ...g]);
    const s = summarise(replay(rec, config, calibration, schedule), tEnd);
    hours = s.hours;
    return { set: g, alerts: s.alerts, alertsPerHour: s.alertsPerHour, firstAlertS: s.firstAlertS, uprightPct: s.uprightPct, exerciseReps: s.exerciseReps, exerciseSets: s.exerciseSets };
  });
  return { rows, hours, samples: rec.n };
}
