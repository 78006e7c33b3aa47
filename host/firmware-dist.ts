// The firmware bundles in firmware/dist, built on first use: a fresh clone after `npm ci` has
// none, and a command that needs one should build it, not fail.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceError } from './cli/errors';
import { repoRoot } from './paths';

export const DIST_DIR = join(repoRoot, 'firmware', 'dist');

/** Path of firmware/dist/<name> (or dir/<name>), running the build first when it is missing. */
export function distBundle(name: string, say: (line: string) => void = () => {}, dir = DIST_DIR): string {
  const file = join(dir, name);
  if (existsSync(file)) return file;
  say('building the firmware bundles (once, into firmware/dist)...\n');
  const env = { ...process.env, POSTURE_DIST: dir };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'firmware', 'build', 'build.ts')], { cwd: repoRoot, encoding: 'utf8', env });
  if (r.status !== 0 || !existsSync(file)) {
    const why = (r.stderr || r.stdout || '').trim().split('\n').pop() ?? '';
    throw new DeviceError(`could not build the firmware${why ? ` (${why})` : ''}: run "npm run build" to see why`);
  }
  return file;
}
