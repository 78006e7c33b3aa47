// The suite's own leftovers: at its end, no temporary folder of ours (posture-*) that was not
// there at its start, and no socat or simulator started by it still running. Nothing a command
// or a test starts may outlive it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith('posture-'));
/** socat and `posture simulate` processes, by pid and command line. */
function processes(): Map<string, string> {
  const r = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const m = new Map<string, string>();
  for (const line of (r.stdout ?? '').split('\n')) {
    const [, pid, args] = /^\s*(\d+)\s+(.*)$/.exec(line) ?? [];
    if (pid && (/^socat /.test(args) || /posture\.js simulate/.test(args))) m.set(pid, args);
  }
  return m;
}

export default function setup() {
  const dirsBefore = new Set(ours());
  const procsBefore = processes();
  return async () => {
    // A process told to stop may take a moment to go.
    let left: string[] = [], running: string[] = [];
    for (let k = 0; k < 20; k++) {
      left = ours().filter((f) => !dirsBefore.has(f));
      running = [...processes()].filter(([pid]) => !procsBefore.has(pid)).map(([, a]) => a);
      if (!left.length && !running.length) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    // Vitest reports a throw here but keeps exit code 0: fail the run by hand.
    console.error(`\nthe test suite left behind: ${[...left.map((f) => `${tmpdir()}/${f}`), ...running].join('; ')}`);
    process.exitCode = 1;
  };
}
