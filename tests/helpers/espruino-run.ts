// Running the firmware on Espruino's Linux build (the ESPRUINO binary) in a scratch folder:
// its Storage is that folder's espruino.flash, its console the process's stdio.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../host/paths';
import { frame, unframe } from '../../shared/protocol';
import { pretokenise } from '../../firmware/build/pretokenise';
import { withQuietStdin } from './quiet-stdin';

export const ESPRUINO = process.env.ESPRUINO;

export type Msg = Record<string, unknown>;

export function espruinoFolder() {
  // Made only when the interpreter is there: a skipped suite runs no hook to remove it.
  const dir = ESPRUINO ? mkdtempSync(join(tmpdir(), 'posture-esp-')) : join(tmpdir(), 'posture-esp-not-made');

  /** Runs a script to its end (or the timeout); stdout without CRs. */
  function run(script: string, seconds: number): string {
    writeFileSync(join(dir, 'run.js'), script);
    // stdin: a FIFO that stays open and silent (a closed pipe makes the Linux build exit once
    // USB is read directly, and /dev/null reads as a stream of NUL bytes).
    const r = withQuietStdin(dir, (fd) =>
      spawnSync(ESPRUINO!, ['run.js'], { cwd: dir, encoding: 'utf8', timeout: (seconds + 20) * 1000, stdio: [fd, 'pipe', 'pipe'] }),
    );
    return r.stdout.replace(/\r/g, '') + (r.status !== 0 ? `\n[exit ${r.status} ${r.signal} ${r.stderr}]` : '');
  }

  /**
   * Boots the flashed bundle (Storage pc.js) and sends each request once the previous one is
   * answered (an "after" step may wait for an event first). Returns the replies by id and the
   * events seen.
   */
  async function converse(
    asks: (Msg | { wait: (events: Msg[]) => boolean })[],
    prelude = '',
    postlude = '',
  ): Promise<{ r: (i: number) => Msg; events: Msg[]; out: string }> {
    writeFileSync(join(dir, 'run.js'), prelude + '\neval(require("Storage").read("pc.js"));' + postlude);
    const p = spawn(ESPRUINO!, ['run.js'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    const replies = new Map<number, Msg>();
    let events: Msg[] = [];
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('no full set of replies: ' + out.slice(-800))), 30000);
      let next = 0, answered = 0;
      const poll = setInterval(() => {
        events = [];
        for (const l of out.replace(/\r/g, '').split('\n')) {
          const j = unframe(l);
          if (!j) continue;
          const m = JSON.parse(j);
          if (typeof m.i === 'number') replies.set(m.i, m);
          else events.push(m); // events, samples and raw samples
        }
        // One step at a time, once the banner shows the link is up.
        if (!/posture-coach/.test(out)) return;
        while (next < asks.length) {
          const a = asks[next];
          if ('wait' in a) {
            if (!(a.wait as (e: Msg[]) => boolean)(events)) return;
            next++;
            continue;
          }
          if (replies.size < answered) return;
          if (replies.size === answered) {
            p.stdin.write(frame(JSON.stringify(a)));
            answered++;
            next++;
          }
          return;
        }
        if (replies.size === answered) {
          clearInterval(poll);
          clearTimeout(deadline);
          resolve();
        }
      }, 50);
    }).finally(() => p.kill());
    return { r: (i: number) => replies.get(i)!, events, out };
  }

  /** Writes a firmware bundle (firmware/dist/<name>) into Storage as pc.js, pretokenised as `posture flash` stores it. */
  function flash(name: string): string {
    const code = readFileSync(join(repoRoot, 'firmware', 'dist', name), 'utf8');
    run(`require("Storage").write("pc.js",atob("${Buffer.from(pretokenise(code), 'latin1').toString('base64')}"));`, 5);
    return code;
  }

  return { dir, run, converse, flash, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The Linux bundle flashed into the interpreter's Storage in dir and booted from there behind
 * a pseudo-terminal at dir/tty, as a board sits behind its USB port. Resolves once it has
 * booted; stop() ends socat and the interpreter.
 */
export async function interpreterBehindPty(dir: string): Promise<{ port: string; booted: number; stop(): void }> {
  const port = join(dir, 'tty');
  const bundle = readFileSync(join(repoRoot, 'firmware', 'dist', 'posture-linux.js'), 'utf8');
  writeFileSync(join(dir, 'w.js'), `require("Storage").write("pc.js",atob("${Buffer.from(pretokenise(bundle), 'latin1').toString('base64')}"));`);
  spawnSync(ESPRUINO!, ['w.js'], { cwd: dir, stdio: 'ignore', timeout: 20000 });
  writeFileSync(join(dir, 'r.js'), 'eval(require("Storage").read("pc.js"));');
  const socat = spawn('socat', [`PTY,link=${port},raw,echo=0`, `EXEC:${ESPRUINO} r.js,pty,raw,echo=0`], { cwd: dir, stdio: 'ignore' });
  const booted = Date.now();
  for (let k = 0; k < 100 && !existsSync(port); k++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1500)); // the interpreter's boot
  return { port, booted, stop: () => socat.kill() };
}
