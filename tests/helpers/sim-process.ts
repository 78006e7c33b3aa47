import { ChildProcess, spawn } from 'node:child_process';
import { POSTURE } from './cli';

/** Starts `posture simulate` as its own process and resolves once the tty is up. */
export async function startSimulate(args: string[]): Promise<{ proc: ChildProcess; stop(): Promise<number | null> }> {
  const proc = spawn(process.execPath, [POSTURE, 'simulate', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const t0 = Date.now();
  while (!out.includes('Ctrl-C')) {
    if (proc.exitCode !== null || Date.now() - t0 > 20000) throw new Error('simulate did not start: ' + out);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    proc,
    stop: () =>
      new Promise((r) => {
        if (proc.exitCode !== null) return r(proc.exitCode);
        proc.once('exit', (c) => r(c));
        proc.kill('SIGINT');
      }),
  };
}
