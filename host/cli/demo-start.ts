// `npm start`: builds the firmware, then runs the whole chain on the virtual clip (or on a
// real one when a single Espruino board is plugged in): calibrate, stream a few seconds, let an
// office morning pass at 60x, set the clock, pull the log into ./demo-archive, and write the
// HTML report (./demo-report.html).
// Without socat it falls back to replaying the same morning through the core.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, OFFICE_SCRIPT, toCsv } from '../sim/scenario';
import { haveSocat } from '../sim/pty';
import { repoRoot } from '../paths';
import { main } from './main';
import { listPorts } from '../commands/device';
import { simulateCommand } from '../commands/simulate/index';
import { calibrateCommand } from '../commands/calibrate/index';
import { clockCommand } from '../commands/clock/index';
import { streamCommand } from '../commands/stream/index';
import { pullCommand } from '../commands/pull/index';
import { reportCommand } from '../commands/report/index';
import { wearerSummary } from '../report/html';
import { EV_ALERT, STATE_NAMES } from '../../shared/events';

const say = (s: string) => process.stdout.write(s + '\n');

async function realClip(): Promise<string | undefined> {
  try {
    const c = (await listPorts()).filter((p) => p.espruino);
    return c.length === 1 ? c[0].path : undefined;
  } catch {
    return undefined;
  }
}

async function run() {
  // --no-build: the test suite runs the demo beside other tests that read firmware/dist.
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'firmware', 'build', 'build.ts')], { stdio: 'inherit', cwd: repoRoot });
    if (build.status !== 0) return build.status ?? 1;
  }
  if (!haveSocat()) {
    say('\nsocat is not installed (apt-get install socat): replaying the demo morning through the core instead.\n');
    const dir = mkdtempSync(join(tmpdir(), 'posture-demo-'));
    const csv = join(dir, 'office-morning.csv');
    writeFileSync(csv, '# synthetic office morning, clip rotated 40 deg\n' + toCsv(generate(OFFICE_SCRIPT, { rateHz: 25, rotationDeg: 40, seed: 7 })));
    return main(['replay', csv]);
  }
  let port = await realClip();
  let sim: Awaited<ReturnType<typeof simulateCommand>> | null = null;
  if (port) say(`\nUsing the clip on ${port}.`);
  else {
    sim = await simulateCommand({ cwd: process.cwd(), scenario: 'office-day', speed: 60 });
    port = sim.path;
    say(`\nNo clip plugged in: a virtual one runs the real firmware bundle on ${port} (office day, 60x).`);
  }
  try {
    say('\n$ npx posture clock --set');
    await clockCommand({ port, set: true });
    say('clock set');
    say('\n$ npx posture calibrate');
    const cal = await calibrateCommand({ port });
    say(cal.ok ? `calibrated: upper back ${cal.sagittalRefDeg} deg from vertical when upright` : `refused: ${cal.reason}`);
    const archive = join(process.cwd(), 'demo-archive');
    say('\n$ npx posture stream --duration 8 --archive demo-archive');
    let shown = 0;
    await streamCommand({
      cwd: process.cwd(), port, durationS: 8, archive,
      onSample: (s) => {
        if (shown++ % 60 === 0) say(`  flexion ${(s.flex / 10).toFixed(1).padStart(6)} deg  lateral ${(s.lat / 10).toFixed(1).padStart(5)} deg  ${STATE_NAMES[s.state]}`);
      },
      onEvent: (e) => e.type === EV_ALERT && say(`  ALERT level ${e.a}: the clip buzzes`),
    });
    if (sim) {
      say('\n(letting 15 minutes of the office day pass...)');
      await new Promise((r) => setTimeout(r, 15_000));
    }
    say('\n$ npx posture pull --archive demo-archive');
    const p = await pullCommand({ port, archive });
    say(`device ${p.id}: ${p.added} new records, ${p.total} in ${p.dir}`);
    say('\n$ npx posture report --archive demo-archive --out demo-report.html');
    const r = await reportCommand({ cwd: process.cwd(), archive, device: p.id, out: 'demo-report.html', utcOffsetMin: -new Date().getTimezoneOffset() });
    for (const line of wearerSummary(r.data.devices[0])) say(`  ${line}`);
    say(`\nThe report is ${r.out} (open it in a browser; it prints on A4).`);
    say(`The archive is in ${archive}; every command, with examples, is in docs/commands.md.`);
    return 0;
  } finally {
    if (sim) await sim.stop();
  }
}

run().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`demo failed: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
