import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../host/paths';

export const POSTURE = join(repoRoot, 'host', 'bin', 'posture.js');

/** Runs the real `posture` executable, as a user would. */
export function posture(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [POSTURE, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    input: opts.input,
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}
