// Entry of the `posture` CLI: finds the command, runs it, maps errors to exit codes
// (0 ok, 1 device or runtime error, 2 bad usage or input) and prints no stack trace for
// expected errors (POSTURE_DEBUG=1 shows them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths';
import { COMMANDS } from './commands';
import { exitCodeOf } from './errors';
import { Io, processIo } from './output';

function version(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

function usage(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: posture <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n')}

Run "npx posture <command> --help" for a command's options. Exit codes: 0 ok, 1 device or
runtime error, 2 bad usage or input.`;
}

export async function main(argv: string[], io: Io = processIo(), cwd = process.cwd()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage() + '\n');
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.out(version() + '\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`posture: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.help + '\n');
    return 0;
  }
  try {
    await cmd.run(rest, io, cwd);
    return 0;
  } catch (e) {
    const code = exitCodeOf(e);
    if (code === undefined || process.env.POSTURE_DEBUG) io.err(`${(e as Error).stack ?? e}\n`);
    if (code !== undefined) {
      io.err(`posture ${name}: ${(e as Error).message}\n`);
      return code;
    }
    io.err(`posture ${name}: unexpected error: ${(e as Error).message}\n`);
    return 1;
  }
}
