// A prescription changed mid-coaching on the real interpreter: the Linux firmware behind a
// pty (socat), its simulated wearer upright for 60 s then slouched for 40 s of every 2 min.
// A snooze, a set and an import while the wearer sits and slouches keep the episode, the
// snooze and the sitting time, as on the virtual clip (prescription-change.test.ts).
// Runs only when ESPRUINO names the binary (and socat is installed); about two minutes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEvents, describeViolation, logEvents } from '../host/log/grammar';
import { decodeConfigEvent, describeConfigChange } from '../host/log/config-event';
import { decodeRecord, EventRecord, splitRecords } from '../host/log/records';
import {
  END_NAMES, FAULT_MEMORY, EV_ALERT, EV_BREAK, EV_CALIBRATED, EV_CONFIG, EV_CORRECTED, EV_FAULT, EV_SLOUCH_END, EV_SLOUCH_START, EV_SNOOZE, EVENT_NAMES,
} from '../shared/events';
import { posture } from './helpers/cli';
import { interpreterBehindPty } from './helpers/espruino-run';

const ESPRUINO = process.env.ESPRUINO;
const SOCAT = spawnSync('sh', ['-c', 'command -v socat']).status === 0;

describe.runIf(ESPRUINO && SOCAT)('a prescription change on the Espruino interpreter', () => {
  // Made only when the suite runs: a skipped one runs no hook to remove it.
  const dir = ESPRUINO && SOCAT ? mkdtempSync(join(tmpdir(), 'posture-esp-rx-')) : '';
  const port = join(dir, 'tty');
  const archive = join(dir, 'archive');
  let clip: { stop(): void } | undefined;
  let booted = 0;
  const p = (...args: string[]) => {
    const r = posture([...args, '--port', port]);
    if (r.status !== 0) throw new Error(`posture ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const until = async (s: number) => {
    while (Date.now() - booted < s * 1000) await new Promise((r) => setTimeout(r, 100));
  };
  const pulled = () => {
    const id = JSON.parse(p('pull', '--archive', archive, '--json')).clipId;
    return splitRecords(new Uint8Array(readFileSync(join(archive, id, 'records.bin')))).map(decodeRecord);
  };

  beforeAll(async () => {
    const c = await interpreterBehindPty(dir);
    clip = c;
    booted = c.booted;
  });
  afterAll(() => {
    clip?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('snooze, set and import keep the episode, the snooze and the sitting time', async () => {
    p('clock', '--set');
    p('config', 'set', 'alert_delay_s=5', 'realert_s=10', 'break_min=1');
    p('calibrate'); // upright: the simulated wearer slouches from 60 s after boot
    p('snooze', '--min', '1'); // until about 70 s: past the slouch's start and its 5 s delay
    p('config', 'set', 'threshold_deg=16');
    await until(76);
    // An import mid-slouch, after the first alert: a higher threshold that 25 deg still passes.
    const rx = join(dir, 'rx.json');
    p('config', 'export', rx);
    const file = JSON.parse(readFileSync(rx, 'utf8'));
    file.config.threshold_deg = 20;
    writeFileSync(rx, JSON.stringify(file));
    p('config', 'import', rx);
    await until(106); // the slouch ends at 100 s
    const records = pulled();
    expect(checkEvents(logEvents(records)).map(describeViolation)).toEqual([]);
    const all = records.filter((r): r is EventRecord => r.kind === 'event');
    expect(all.filter((e) => e.type === EV_FAULT && e.a === FAULT_MEMORY)).toEqual([]); // the per-block arrays are flat
    const ev = all.slice(all.map((e) => e.type).lastIndexOf(EV_CALIBRATED) + 1);
    const seq = ev.map((e) => (e.type === EV_CONFIG ? describeConfigChange(decodeConfigEvent(e.a, e.b)) : e.type === EV_SLOUCH_END ? `slouch_end ${END_NAMES[e.b]}` : EVENT_NAMES[e.type]));
    // One episode through a snooze and two changes; the break reminder kept its sitting time.
    expect(seq.filter((x) => x !== 'break' && x !== 'alert')).toEqual([
      'snooze', 'threshold_deg 15 → 16', 'slouch_start', 'threshold_deg 16 → 20', 'slouch_end upright', 'corrected',
    ]);
    // Alerts every realert_s (10 s) of held time, escalating through the import: one before it, more after.
    const change = seq.indexOf('threshold_deg 16 → 20');
    expect(seq.slice(seq.indexOf('slouch_start'), change).filter((x) => x === 'alert')).toHaveLength(1);
    const at = (type: number) => ev.find((e) => e.type === type)!;
    const alerts = ev.filter((e) => e.type === EV_ALERT);
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    expect(alerts.map((e) => e.a)).toEqual(alerts.map((_, i) => Math.min(3, i + 1)));
    expect(alerts[0].t).toBeGreaterThanOrEqual(at(EV_SNOOZE).t + 60_000); // no buzz until the snooze ended
    expect(alerts[1].t - alerts[0].t).toBeGreaterThanOrEqual(9_500); // realert_s of held time, not a new delay
    expect(at(EV_CORRECTED).b).toBe(alerts.length);
    expect(at(EV_SLOUCH_START).t).toBeLessThan(alerts[0].t - 5000);
    const cal = all.filter((e) => e.type === EV_CALIBRATED).pop()!;
    // break_min = 1: the first reminder a minute of sitting after calibration (give or take
    // a moving spell), though the prescription changed in between.
    expect(at(EV_BREAK).t - cal.t).toBeLessThan(75_000);
  }, 180_000);
});
