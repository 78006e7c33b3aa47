// The table of commands. Each command's flags, help and printing live in its own folder
// (host/commands/<name>/cli.ts) beside the function that does its work.
import { CommandDef } from './command-def';
import { replayCli } from '../commands/replay/cli';
import { simulateCli } from '../commands/simulate/cli';
import { portsCli } from '../commands/ports/cli';
import { infoCli } from '../commands/info/cli';
import { configCli } from '../commands/config/cli';
import { lockCli, unlockCli } from '../commands/lock/cli';
import { calibrateCli } from '../commands/calibrate/cli';
import { clockCli } from '../commands/clock/cli';
import { streamCli } from '../commands/stream/cli';
import { pullCli } from '../commands/pull/cli';
import { flashCli } from '../commands/flash/cli';
import { exportCli } from '../commands/export/cli';
import { reportCli } from '../commands/report/cli';
import { buzzCli } from '../commands/buzz/cli';
import { snoozeCli } from '../commands/snooze/cli';
import { resetCli } from '../commands/reset/cli';
import { consoleCli } from '../commands/console/cli';
import { cohortCli } from '../commands/cohort/cli';

export type { CommandDef };

export const COMMANDS: CommandDef[] = [
  portsCli, infoCli, configCli, calibrateCli, clockCli, lockCli, unlockCli, buzzCli, snoozeCli, resetCli, streamCli, pullCli, flashCli, exportCli, reportCli, replayCli, simulateCli, consoleCli, cohortCli,
];
