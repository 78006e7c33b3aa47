// A standard input for Espruino's Linux build that stays open and never sends a byte, as a
// board's idle USB. /dev/null will not do: the build reads its end of file as a stream of NUL
// bytes (~10,000 a second), which the firmware's link gathers as a line (up to 512 bytes)
// and which inflated the variables measured after boot by up to ~45.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';

/** Opens a FIFO in dir for reading and writing (so no end of file); close the fd when done. */
export function quietStdin(dir: string): number {
  const path = join(dir, 'stdin.fifo');
  if (!existsSync(path)) execFileSync('mkfifo', [path]);
  return openSync(path, 'r+');
}

export function withQuietStdin<T>(dir: string, fn: (fd: number) => T): T {
  const fd = quietStdin(dir);
  try {
    return fn(fd);
  } finally {
    closeSync(fd);
  }
}
