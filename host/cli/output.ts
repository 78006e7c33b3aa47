// Where text leaves the process. Commands return data; only main and these helpers print.
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
  color: boolean;
}

export function processIo(): Io {
  const isTTY = Boolean(process.stdout.isTTY);
  // `posture stream | head`: a closed pipe ends the program quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTTY,
    color: isTTY && !process.env.NO_COLOR,
  };
}

export function fmtSeconds(ms: number): string {
  const s = ms / 1000;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = (s % 60).toFixed(3).padStart(6, '0');
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${sec}`;
}
