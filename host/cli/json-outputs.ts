// Every command's --json output and its schema: the list docs/json.md is written from and the
// tests check every command against.
import { z } from 'zod';
import { buzzOutput } from '../commands/buzz/output';
import { calibrateOutput } from '../commands/calibrate/output';
import { clockOutput } from '../commands/clock/output';
import { configExportOutput, configImportOutput, configSetOutput, prescriptionOutput } from '../commands/config/output';
import { exportOutput } from '../commands/export/output';
import { flashOutput } from '../commands/flash/output';
import { infoOutput } from '../commands/info/output';
import { lockOutput } from '../commands/lock/output';
import { portsOutput } from '../commands/ports/output';
import { pullOutput } from '../commands/pull/output';
import { replayCompareOutput, replayMetricsOutput } from '../commands/replay/output';
import { reportOutput } from '../commands/report/output';
import { resetOutput } from '../commands/reset/output';
import { snoozeOutput } from '../commands/snooze/output';
import { streamLineOutput } from '../commands/stream/output';
import { eventLineOutput } from '../log/event-output';
import { cohortOutput } from '../commands/cohort/output';

export interface JsonOutput {
  command: string;
  /** one: a single object; lines: one object per line (NDJSON). */
  shape: 'one' | 'lines';
  schema: z.ZodType;
}

export const JSON_OUTPUTS: JsonOutput[] = [
  { command: 'posture info --json', shape: 'one', schema: infoOutput },
  { command: 'posture ports --json', shape: 'one', schema: portsOutput },
  { command: 'posture clock [--set] --json', shape: 'one', schema: clockOutput },
  { command: 'posture calibrate --json', shape: 'one', schema: calibrateOutput },
  { command: 'posture config get [name] --json', shape: 'one', schema: prescriptionOutput },
  { command: 'posture config set ... --json', shape: 'one', schema: configSetOutput },
  { command: 'posture config import FILE --json', shape: 'one', schema: configImportOutput },
  { command: 'posture config export FILE --json', shape: 'one', schema: configExportOutput },
  { command: 'posture lock|unlock --json', shape: 'one', schema: lockOutput },
  { command: 'posture buzz --json', shape: 'one', schema: buzzOutput },
  { command: 'posture snooze --json', shape: 'one', schema: snoozeOutput },
  { command: 'posture stream --json', shape: 'lines', schema: streamLineOutput },
  { command: 'posture pull --json', shape: 'one', schema: pullOutput },
  { command: 'posture reset --json', shape: 'one', schema: resetOutput },
  { command: 'posture flash --json', shape: 'one', schema: flashOutput },
  { command: 'posture replay --json', shape: 'lines', schema: eventLineOutput },
  { command: 'posture replay --metrics --json', shape: 'one', schema: replayMetricsOutput },
  { command: 'posture replay --compare ... --json', shape: 'one', schema: replayCompareOutput },
  { command: 'posture export --json', shape: 'one', schema: exportOutput },
  { command: 'posture report --json', shape: 'one', schema: reportOutput },
  { command: 'posture cohort ... --json', shape: 'one', schema: cohortOutput },
];
