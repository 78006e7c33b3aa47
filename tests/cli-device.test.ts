// The therapist's commands as a user runs them: the real `posture` process against
// `posture simulate` over a pty.
import { streamLineOutput } from '../host/commands/stream/output';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { repoRoot } from '../host/paths';
import { frame } from '../shared/protocol';
import { N_FIELDS } from '../shared/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posture, POSTURE } from './helpers/cli';
import { startSimulate } from './helpers/sim-process';

const dir = mkdtempSync(join(tmpdir(), 'posture-cli-'));
const port = join(dir, 'clip');
const walkPort = join(dir, 'walker');
let sims: { stop(): Promise<number | null> }[] = [];

beforeAll(async () => {
  sims = await Promise.all([
    startSimulate(['--speed', '20', '--link', port, '--scenario', 'slouch', '--storage', join(dir, 'flash.json')]),
    startSimulate(['--speed', '20', '--link', walkPort, '--scenario', 'walk']),
  ]);
});
afterAll(async () => {
  for (const s of sims) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

const p = (...args: string[]) => posture([...args, '--port', port]);

/** A flash file holding `hours` of calibrated wear, run fast in-process, for a simulator to boot from. */
async function wornFlash(name: string, hours: number): Promise<string> {
  const file = join(dir, name);
  const { createVirtualDevice } = await import('../host/sim/virtual-device');
  const { SCENARIOS } = await import('../host/commands/simulate/index');
  const dev = createVirtualDevice({ scenario: SCENARIOS.slouch, speed: 0, storageFile: file });
  dev.input(frame(JSON.stringify({ i: 1, c: 'calibrate' })));
  dev.advance(hours * 3600_000);
  dev.stop();
  return file;
}

describe('posture commands against the virtual clip', () => {
  it('info reports the clip and warns that its clock was never set', () => {
    const r = p('info');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/board\s+pico, IMU MPU6050/);
    expect(r.stderr).toMatch(/clock was never set/);
    const j = JSON.parse(p('info', '--json').stdout);
    expect(j).toMatchObject({ board: 'pico', firmware: { protocol: 1 } });
  });

  it('clock --set sets it, and info stops warning', () => {
    expect(p('clock', '--set').stdout).toMatch(/never set; now set to \d{4}-/);
    const r = p('info');
    expect(r.stderr).not.toMatch(/never set/);
    // The simulated clock runs 20x fast, so the drift grows again at once; the flag is what counts.
    expect(JSON.parse(p('info', '--json').stdout).clock.set).toBe(true);
  });

  it('config set writes and verifies; get reads back; bad values name the field and range', () => {
    const r = p('config', 'set', 'threshold_deg=20', 'alert_delay_s=45');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('alert_delay_s = 45 (written and verified)');
    expect(JSON.parse(p('config', 'get', '--json').stdout)).toMatchObject({ threshold_deg: 20, alert_delay_s: 45 });
    const bad = p('config', 'set', 'alert_delay_s=0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/alert_delay_s = 0 is out of range 1\.\.1800 s/);
    const cross = p('config', 'set', 'hysteresis_deg=20');
    expect(cross.status).toBe(2);
    expect(cross.stderr).toMatch(/hysteresis_deg \(20\) must be below threshold_deg \(20\)/);
    expect(p('config', 'get', 'nope').stderr).toMatch(/unknown config field "nope"/);
  });

  it('a locked clip refuses changes without the PIN and takes them with it', () => {
    expect(p('lock', '--pin', '2468').stdout).toBe('locked\n');
    const refused = p('config', 'set', 'threshold_deg=25');
    expect(refused.status).toBe(1);
    // "No PIN given" and "wrong PIN" apart, worded alike in every command.
    expect(refused.stderr).toMatch(/the clip is locked \(no PIN given\): the prescription is unchanged\. Give the therapist's PIN with --pin\n/);
    const wrong = p('config', 'set', 'threshold_deg=25', '--pin', '1111');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/wrong PIN: the prescription is unchanged\. Give the PIN the therapist set with --pin/);
    const relock = p('lock', '--pin', '9999');
    expect(relock.stderr).toMatch(/the clip is locked \(no PIN given\): the clip is already locked and its PIN unchanged\. Give the therapist's PIN with --old/);
    expect(p('lock', '--pin', '9999', '--old', '1111').stderr).toMatch(/wrong PIN: the clip is already locked and its PIN unchanged\. Give the PIN the therapist set with --old/);
    expect(p('config', 'set', 'threshold_deg=25', '--pin', '2468').status).toBe(0);
    expect(p('unlock', '--pin', '0000').stderr).toMatch(/wrong PIN: the clip stays locked/);
    expect(p('unlock', '--pin', '2468').stdout).toBe('unlocked\n');
  });

  it('calibrate reports the reference; a walking wearer gets a refusal (exit 1)', () => {
    // The looping script passes from upright to slouched every 7 s at 20x: a window that
    // catches the move is refused as moving, rightly; the next one is still.
    let ok = p('calibrate', '--now');
    for (let k = 0; k < 2 && ok.status !== 0 && /moving/.test(ok.stderr); k++) ok = p('calibrate', '--now');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/calibrated: the upper back is \d+(\.\d)? deg from vertical/);
    const walk = posture(['calibrate', '--now', '--port', walkPort]);
    expect(walk.status).toBe(1);
    expect(walk.stderr).toMatch(/calibration refused: the wearer was moving/);
  });

  it('stream on a clip never calibrated says to calibrate, and gives no angles', () => {
    const r = posture(['stream', '--duration', '1', '--port', walkPort]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/the clip is not calibrated: its angles mean nothing yet\. Have the wearer sit upright and still, then run "npx posture calibrate"/);
    const samples = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => 'flexion_deg' in l);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((x) => x.state === 'uncalibrated' && x.flexion_deg === null && x.lateral_deg === null)).toBe(true);
  });

  it('stream writes NDJSON when piped, and a CSV that posture replay reads', () => {
    const csv = join(dir, 'rec.csv');
    const r = p('stream', '--duration', '2', '--csv', csv);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const samples = lines.filter((l) => 'flexion_deg' in l);
    expect(samples.length).toBeGreaterThan(20); // 2 s at 20x = 40 s of 0.4 s blocks
    expect(samples[0]).toHaveProperty('state');
    for (const l of lines) expect(streamLineOutput.parse(l)).toEqual(l); // docs/json.md's forms, nothing more
    const text = readFileSync(csv, 'utf8');
    expect(text).toMatch(/^# device: [0-9a-f]{8}\n# board: pico MPU6050/m);
    expect(text).toMatch(/^# clock: the clip's, set, -?\d+\.\d s from the recording computer's$/m);
    expect(text).toMatch(/^# start: \d{4}-\d\d-\d\dT/m);
    const replay = posture(['replay', csv, '--json']);
    expect(replay.status).toBe(0);
    // Whether the first 5 s calibrate depends on where the looping script was: either answer
    // shows replay read the recording.
    expect(replay.stdout).toMatch(/"type":"(calibrated|calib_refused)"/);
    const rows = text.split('\n').filter((l) => /^\d/.test(l));
    expect(rows.length).toBeGreaterThan(2 * 20 * 25 * 0.8); // 2 s at 20x, 25 Hz
  });

  it('a wrong --port is a clear error, exit 1, no stack trace', () => {
    const r = posture(['info', '--port', join(dir, 'nothing')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no serial port at .*nothing: check the cable, or run "npx posture ports"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a second program on the same port gets "busy"', async () => {
    const { DeviceLink } = await import('../host/link/device-link');
    const held = await DeviceLink.open({ path: port });
    try {
      const r = spawnSync(process.execPath, [POSTURE, 'info', '--port', port], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/is busy: another program/);
    } finally {
      await held.close();
    }
  });
});

describe('posture ports', () => {
  it('lists ports, or says plainly that udevadm is missing', () => {
    const r = posture(['ports']);
    if (r.status === 0) expect(r.stdout).toMatch(/no serial ports found|\/dev\//);
    else {
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/needs udevadm, which is missing: apt-get install udev/);
    }
  });
});

describe('posture pull', () => {
  const archive = join(dir, 'archive');

  it('pulls into the archive, adds nothing the second time, keeps two devices apart', () => {
    const r1 = JSON.parse(posture(['pull', '--archive', archive, '--json', '--port', port]).stdout);
    expect(r1.log.addedRecords).toBeGreaterThan(0);
    expect(r1.clipId).toMatch(/^[0-9a-f]{8}$/);
    const r2 = JSON.parse(posture(['pull', '--archive', archive, '--json', '--port', port]).stdout);
    expect(r2.clipId).toBe(r1.clipId);
    expect(r2.log.heldRecords).toBeGreaterThanOrEqual(r1.log.heldRecords);
    const w = JSON.parse(posture(['pull', '--archive', archive, '--json', '--port', walkPort]).stdout);
    expect(w.clipId).not.toBe(r1.clipId);
    expect(w.archiveDir).not.toBe(r1.archiveDir);
  });

  it('survives being killed mid-pull: the next pull completes with no gap or duplicate', async () => {
    const arch2 = join(dir, 'archive2');
    for (const ms of [450, 550, 650, 750]) {
      const child = spawn(process.execPath, [POSTURE, 'pull', '--archive', arch2, '--port', port]);
      await new Promise((r) => setTimeout(r, ms));
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await gone;
      }
    }
    const r = JSON.parse(posture(['pull', '--archive', arch2, '--json', '--port', port]).stdout);
    const { openDeviceArchive } = await import('../host/archive/archive');
    const { splitRecords, decodeRecord } = await import('../host/log/records');
    const seqs = splitRecords(openDeviceArchive(arch2, r.clipId).readAll()).map((x) => decodeRecord(x).seq);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(r.log.gaps).toEqual([]);
  });
});

describe('prescription files', () => {
  it('export writes a schema-tagged file; import applies it, verified', () => {
    const f = join(dir, 'rx.json');
    expect(p('config', 'export', f).status).toBe(0);
    const doc = JSON.parse(readFileSync(f, 'utf8'));
    expect(doc).toMatchObject({ schema: 'posture-prescription', version: 1 });
    doc.config.alert_delay_s = 90;
    writeFileSync(f, JSON.stringify(doc));
    const r = p('config', 'import', f);
    expect(r.status).toBe(0);
    // It names what it changed, and how many fields were already as prescribed.
    expect(r.stdout).toMatch(new RegExp(`^prescription applied: alert_delay_s \\d+ → 90 \\(written and verified\\); ${N_FIELDS - 1} field\\(s\\) already as prescribed\\n$`));
    expect(JSON.parse(p('config', 'get', 'alert_delay_s', '--json').stdout).alert_delay_s).toBe(90);
    expect(p('config', 'import', f).stdout).toBe('the clip already has this prescription: nothing written\n');
    // An existing file is kept unless --force.
    const again = p('config', 'export', f);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/rx\.json exists: add --force to overwrite it/);
    expect(p('config', 'export', f, '--force').status).toBe(0);
  });

  it.each([
    ['not JSON', '{"schema": ', /bad\.json is not JSON \(.*\): a prescription file is what posture config export writes/],
    ['an unknown field', JSON.stringify({ schema: 'posture-prescription', version: 1, config: { threshold_deg: 20, buzz_volume: 3 } }), /bad\.json buzz_volume=3: unknown config field "buzz_volume"/],
    ['a near-miss field', JSON.stringify({ schema: 'posture-prescription', version: 1, config: { treshold_deg: 20 } }), /unknown config field "treshold_deg": did you mean threshold_deg\?/],
    ['a wrong version', JSON.stringify({ schema: 'posture-prescription', version: 2, config: {} }), /is a prescription of version 2; this posture reads version 1/],
    ['another kind of JSON', JSON.stringify({ hello: 1 }), /is not a prescription file: its "schema" must be "posture-prescription"/],
    ['a text value', JSON.stringify({ schema: 'posture-prescription', version: 1, config: { threshold_deg: '20' } }), /threshold_deg must be a number, got "20"/],
    ['an out-of-range value', JSON.stringify({ schema: 'posture-prescription', version: 1, config: { threshold_deg: 99 } }), /bad\.json threshold_deg=99: threshold_deg = 99 is out of range 3\.\.60 deg/],
  ])('import refuses %s with exit 2 and changes nothing', (_w, text, msg) => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, text);
    const before = p('config', 'get', '--json').stdout;
    const r = p('config', 'import', f);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(p('config', 'get', '--json').stdout).toBe(before);
    expect(r.stderr).not.toMatch(/Invalid input|ZodError|\n\s+at /); // no validation library's words, no stack
  });

  it('import of a file that is not there names the fix', () => {
    const r = p('config', 'import', join(dir, 'missing.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*missing\.json: no such file \(npx posture config export FILE writes one\)/);
  });
});

describe('posture flash', () => {
  it('uploads a bundle through the REPL, reboots into it, keeps the config and the log', () => {
    const code = readFileSync(join(repoRoot, 'firmware', 'dist', 'posture-pico.js'), 'utf8').replace('"0.3.0"', '"0.3.1-test"');
    const f = join(dir, 'next.js');
    writeFileSync(f, code);
    const cfg = p('config', 'get', '--json').stdout;
    const log = JSON.parse(p('info', '--json').stdout).log.nextRecord;
    const r = p('flash', f);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/-> 0\.3\.1-test, running/);
    const h = JSON.parse(p('info', '--json').stdout);
    expect(h.firmware.version).toBe('0.3.1-test');
    expect(p('config', 'get', '--json').stdout).toBe(cfg);
    expect(h.log.nextRecord).toBeGreaterThan(log); // kept, plus the new boot event
  });

  it('refuses a bundle that fails the syntax gate, without touching the clip', () => {
    const f = join(dir, 'bad.js');
    writeFileSync(f, 'var f = (a = 1) => a; "9.9.9";');
    const r = p('flash', f);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/fails the Espruino syntax gate:\n.*default parameter/);
    expect(JSON.parse(p('info', '--json').stdout).firmware.version).toBe('0.3.1-test');
  });
});

describe('unplugging the clip', () => {
  it('during stream: the CSV keeps what arrived, exit 1 with a clear message', async () => {
    const link = join(dir, 'short1');
    const sim = await startSimulate(['--speed', '20', '--link', link]);
    const csv = join(dir, 'cut.csv');
    const child = spawn(process.execPath, [POSTURE, 'stream', '--duration', '30', '--csv', csv, '--port', link]);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    await new Promise((r) => setTimeout(r, 2500));
    await sim.stop(); // socat goes: the cable is pulled
    const code = await new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', r)));
    expect(code).toBe(1);
    expect(err).toMatch(/the clip was disconnected after \d+ samples; \d+ raw samples are saved in/);
    expect(posture(['replay', csv, '--json']).status).toBe(0);
  });

  it('during pull: exit 1, and after replugging the next pull completes the archive', async () => {
    const link = join(dir, 'short2');
    const flash = join(dir, 'short2-flash.json');
    const arch = join(dir, 'archive3');
    let sim = await startSimulate(['--speed', '200', '--link', link, '--storage', flash, '--scenario', 'slouch']);
    await new Promise((r) => setTimeout(r, 4000)); // ~13 virtual minutes of records
    const child = spawn(process.execPath, [POSTURE, 'pull', '--archive', arch, '--port', link]);
    await new Promise((r) => setTimeout(r, 520));
    await sim.stop();
    const code = await new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', r)));
    expect([0, 1]).toContain(code); // it may have finished just before the cable went
    sim = await startSimulate(['--speed', '1', '--link', link, '--storage', flash, '--scenario', 'slouch']);
    try {
      const r = JSON.parse(posture(['pull', '--archive', arch, '--json', '--port', link]).stdout);
      const { openDeviceArchive } = await import('../host/archive/archive');
      const { splitRecords, decodeRecord } = await import('../host/log/records');
      const seqs = splitRecords(openDeviceArchive(arch, r.clipId).readAll()).map((x) => decodeRecord(x).seq);
      expect(seqs).toEqual(seqs.map((_, i) => i));
      expect(seqs.length).toBe(r.log.nextRecord);
    } finally {
      await sim.stop();
    }
  });
});

describe('stopping and freeing', () => {
  it('Ctrl-C stops a stream cleanly (exit 0) with the CSV complete', async () => {
    const csv = join(dir, 'ctrlc.csv');
    const child = spawn(process.execPath, [POSTURE, 'stream', '--csv', csv, '--port', port]);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    await new Promise((r) => setTimeout(r, 2000));
    const code = await new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(err).toMatch(/block samples, (\d+) raw samples, written to/);
    const raw = Number(/(\d+) raw samples/.exec(err)![1]);
    const rows = readFileSync(csv, 'utf8').split('\n').filter((l) => /^\d/.test(l));
    expect(rows.length).toBe(raw);
    expect(raw).toBeGreaterThan(0);
  });

  it('pull --erase frees whole log files the archive holds, and nothing more', async () => {
    const link = join(dir, 'fast');
    const arch = join(dir, 'archive-erase');
    // 3 h: more than one log file, less than the Pico's ring.
    const flashFile = await wornFlash('erase-flash.json', 3);
    const sim = await startSimulate(['--speed', '1', '--link', link, '--scenario', 'slouch', '--storage', flashFile]);
    try {
      const info = (l: string) => JSON.parse(posture(['info', '--json', '--port', l]).stdout).log;
      expect(info(link).files).toBeGreaterThan(1);
      const r = JSON.parse(posture(['pull', '--archive', arch, '--erase', '--json', '--port', link]).stdout);
      expect(r.log.erasedFiles).toBeGreaterThan(0);
      const after = info(link);
      expect(after.firstRecord).toBeGreaterThan(0);
      expect(after.firstRecord).toBeLessThanOrEqual(r.log.nextRecord); // nothing the archive lacks was erased
      const again = JSON.parse(posture(['pull', '--archive', arch, '--json', '--port', link]).stdout);
      expect(r.log.gaps).toEqual([]);
      expect(again.log.gaps).toEqual([]); // erasing lost nothing the archive lacked
    } finally {
      await sim.stop();
    }
  });
});

describe('a clip whose log started again', () => {
  it('pull refuses to mix it into the archive, says why, and pulls or erases nothing', async () => {
    const link = join(dir, 'again');
    const arch = join(dir, 'archive-again');
    const flashFile = await wornFlash('again-flash.json', 1);
    const pull = (...extra: string[]) => posture(['pull', '--archive', arch, '--json', '--port', link, ...extra]);
    let sim = await startSimulate(['--speed', '1', '--link', link, '--scenario', 'slouch', '--storage', flashFile]);
    let first: { log: { nextRecord: number; heldRecords: number }; archiveDir: string };
    try {
      first = JSON.parse(pull().stdout);
      expect(first.log.nextRecord).toBeGreaterThan(10);
    } finally {
      await sim.stop();
    }
    // Its Storage loses the logs but keeps the id (as an erase by hand in the Web IDE could).
    const files = JSON.parse(readFileSync(flashFile, 'utf8')) as Record<string, string>;
    for (const k of Object.keys(files)) if (/^(pclog|pchr)/.test(k)) delete files[k];
    writeFileSync(flashFile, JSON.stringify(files));
    sim = await startSimulate(['--speed', '1', '--link', link, '--scenario', 'slouch', '--storage', flashFile]);
    try {
      const r = pull('--erase');
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/log started again: it numbers its next record \d+, but the archive already holds log records of device \w+ up to \d+/);
      expect(r.stderr).toMatch(/Nothing was pulled or erased\. Pull it into another archive folder/);
      const log = JSON.parse(posture(['info', '--json', '--port', link]).stdout).log;
      expect(log.firstRecord).toBe(0); // nothing erased on the clip
      const other = JSON.parse(posture(['pull', '--archive', join(dir, 'archive-again-2'), '--json', '--port', link]).stdout);
      expect(other.log.heldRecords).toBe(log.nextRecord);
    } finally {
      await sim.stop();
    }
    // The first archive is as it was.
    const state = JSON.parse(readFileSync(join(first!.archiveDir, "state.json"), 'utf8'));
    expect(state.next).toBe(first!.log.nextRecord);
  });
});

describe('posture export', () => {
  it('exports the pulled archive: minutes and events, CSV plus sidecar', () => {
    const archive = join(dir, 'archive');
    const m = posture(['export', '--csv', '--level', 'minutes', '--archive', archive, '--out', join(dir, 'min.csv')]);
    expect(m.status, m.stderr).toBe(0);
    const e = posture(['export', '--csv', '--level', 'events', '--archive', archive, '--out', join(dir, 'ev.csv')]);
    expect(e.status, e.stderr).toBe(0);
    const ev = readFileSync(join(dir, 'ev.csv'), 'utf8').split('\r\n');
    expect(ev[0]).toBe('device_id,seq,device_time_ms,time_utc,clock_set,event,value_a,value_b,config_field,config_old,config_new,fault,snooze_min,mode,clock_step_s,battery_pct,detail_json');
    expect(ev.some((l) => /,boot,/.test(l))).toBe(true);
    // Both levels are resources of one data package, which also says which firmware made them.
    const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8'));
    expect(pkg.resources.map((r: { path: string }) => r.path)).toEqual(expect.arrayContaining(['min.csv', 'ev.csv']));
    expect(Object.values(pkg.clips).some((d) => (d as { device?: { fw: string } }).device?.fw)).toBe(true);
    expect(posture(['export', '--level', 'minutes']).stderr).toMatch(/export needs a format: --csv/);
  });

  it('a ring that overflowed before the pull: one gap, reported, never hidden', async () => {
    const link = join(dir, 'full');
    const flashFile = await wornFlash('full-flash.json', 12); // more than the ring's 16 KB of packed records hold
    const sim = await startSimulate(['--speed', '1', '--link', link, '--scenario', 'slouch', '--storage', flashFile]);
    try {
      const out = posture(['pull', '--archive', join(dir, 'archive-full'), '--json', '--port', link]);
      const r = JSON.parse(out.stdout);
      expect(r.log.gaps).toHaveLength(1);
      expect(r.log.gaps[0].first).toBe(0);
      expect(r.log.droppedRecords).toBe(r.log.gaps[0].last + 1);
      expect(out.stderr).toMatch(/records 0\.\.\d+ were dropped on the clip before this pull/);
    } finally {
      await sim.stop();
    }
  });
});
