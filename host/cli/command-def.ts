// What each command's folder exports for the CLI: its name, help and a runner that parses
// flags, calls the command's function (which returns data) and prints it. Exit codes are
// decided in main.ts.
import { Io } from './output';

export interface CommandDef {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: Io, cwd: string): Promise<void>;
}
