// One holder per clip: the console marks the port it holds, so that a CLI command or a second
// console says "in use by the console" instead of fighting it for the serial line. The mark
// is a file named after the port's real path, holding the owner's pid; a mark whose process
// is gone is stale and ignored.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceError } from '../cli/errors';

function lockDir(): string {
  // Not TMPDIR: two programs with different TMPDIRs must still see each other's marks.
  const d = join(process.env.XDG_RUNTIME_DIR || '/tmp', 'posture-port-locks');
  try {
    mkdirSync(d, { recursive: true });
    return d;
  } catch {
    return tmpdir();
  }
}

function lockFile(port: string): string {
  let real = port;
  try {
    real = realpathSync(port);
  } catch {
    /* a port that does not exist yet has no holder */
  }
  return join(lockDir(), createHash('sha256').update(real).digest('hex').slice(0, 16) + '.json');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface PortHolder {
  pid: number;
  url?: string;
}

export function portHolder(port: string): PortHolder | null {
  try {
    const h = JSON.parse(readFileSync(lockFile(port), 'utf8')) as PortHolder;
    return h.pid !== process.pid && alive(h.pid) ? h : null;
  } catch {
    return null;
  }
}

/** Refuses when another process's console holds the port. */
export function refuseIfHeld(port: string): void {
  const h = portHolder(port);
  if (h) {
    throw new DeviceError(`${port} is in use by the console (process ${h.pid}${h.url ? `, ${h.url.replace(/\?.*$/, '')}` : ''}): use the clip there, or pick another clip in the console to free this one`);
  }
}

/** Marks the port as held by this process; the returned function releases it. */
export function holdPort(port: string, url?: string): () => void {
  refuseIfHeld(port);
  const f = lockFile(port);
  writeFileSync(f, JSON.stringify({ pid: process.pid, url }));
  const release = () => {
    try {
      if ((JSON.parse(readFileSync(f, 'utf8')) as PortHolder).pid === process.pid) rmSync(f, { force: true });
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return release;
}
