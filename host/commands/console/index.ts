// `posture console`: starts the local web console and, unless told not to, opens it in the
// browser. It runs until Ctrl-C; the clip it holds and a virtual clip it started go with it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { UsageError } from '../../cli/errors';
import { ConsoleServer, startConsole } from '../../console/server';

export const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

export interface ConsoleCommandOptions {
  cwd: string;
  archive?: string;
  listen?: string;
  httpPort?: number;
  /** A clip to open at once: a port path, or "virtual". */
  clip?: string;
}

export async function consoleCommand(o: ConsoleCommandOptions): Promise<ConsoleServer & { warnings: string[] }> {
  const listen = o.listen ?? '127.0.0.1';
  if (o.httpPort !== undefined && !(Number.isInteger(o.httpPort) && o.httpPort >= 0 && o.httpPort <= 65535)) {
    throw new UsageError(`--http-port ${o.httpPort}: expected a TCP port, 0 to 65535 (0: any free one)`);
  }
  const warnings: string[] = [];
  if (!LOOPBACK.includes(listen)) {
    warnings.push(`listening on ${listen}: other computers on that network can reach the console; anyone with its address and token can change a prescription`);
  }
  let server: ConsoleServer;
  try {
    server = await startConsole({ cwd: o.cwd, archive: resolve(o.cwd, o.archive ?? 'posture-archive'), listen, httpPort: o.httpPort });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--http-port ${o.httpPort} is taken by another program: choose another, or leave it out for a free one`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`--listen ${listen}: this computer has no such address`);
    throw e;
  }
  if (o.clip) {
    try {
      await server.session.connect(o.clip);
    } catch (e) {
      await server.close();
      throw e;
    }
  }
  return { ...server, warnings };
}

/** Opens the URL in the desktop's browser; says nothing when there is none (a server, CI). */
export function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const p = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    p.on('error', () => undefined);
    p.unref();
  } catch {
    /* no browser launcher: the printed address is enough */
  }
}
