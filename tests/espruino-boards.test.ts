// The Pico and Puck.js bundles on the real interpreter (Espruino's Linux build), with a
// register model of their IMU in place of the chip, and the firmware over time. Runs only
// when ESPRUINO names the binary.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../host/paths';
import { EV_CALIBRATED, EV_CALIB_REFUSED, EV_LOW_BATTERY } from '../shared/events';
import { createCore } from '../shared/core';
import { defaultConfig } from '../shared/config';
import { decodeRecord, LogRecord, splitRecords } from '../host/log/records';
import { ESPRUINO, espruinoFolder } from './helpers/espruino-run';

const { dir, run, converse, flash, cleanup } = espruinoFolder();
afterAll(cleanup);

/** A board fresh from the factory with this bundle flashed: empty Storage, no files left by a test before. */
function freshBoard(bundle: string, ...leftovers: string[]) {
  for (const f of ['espruino.flash', ...leftovers]) rmSync(join(dir, f), { force: true });
  flash(bundle);
}

// The Pico and Puck.js bundles themselves, on the same interpreter, with a register model of
// their IMU in place of the hardware (tests/fixtures/espruino-board-shim.js): their drivers,
// Hal and console run as they would on the board.
const SHIM = readFileSync(join(repoRoot, 'tests', 'fixtures', 'espruino-board-shim.js'), 'utf8');
/** Variables after boot: a regression guard (docs/firmware.md), above the 1,300 target since the exercise programme, times of day and the 0.8 s resting blocks. */
const BOOT_VARS_GUARD = 1450;
const SAMPLES = { pico: [7094, -12, 4096, 3, -2, 1], puck: [7100, 9, 4099, -4, 2, 5] };

/** The calibration the host's copy of the core makes of the same still samples. */
function hostCalibration(sample: number[], gyroPerDps: number): number {
  const evs: number[][] = [];
  const core = createCore({ ...defaultConfig(), calib_s: 1 }, gyroPerDps, (type, _t, a, b) => evs.push([type, a, b]));
  const acc = new Int16Array(core.n * 3), gyr = new Int16Array(core.n * 3);
  for (let k = 0; k < core.n * 3; k++) {
    acc[k] = sample[k % 3];
    gyr[k] = sample[3 + (k % 3)];
  }
  core.calibrate(0, 1000);
  for (let t = 400; t < 5000 && !evs.some((e) => e[0] === EV_CALIBRATED); t += 400) core.block(t, acc, gyr, core.n);
  return evs.find((e) => e[0] === EV_CALIBRATED)![1];
}

describe.runIf(ESPRUINO)('board bundles on the Espruino interpreter (IMU register model)', () => {
  it.each([
    ['pico', 'MPU6050', 131],
    ['puck', 'LSM6DS3TR-C', 114],
  ] as const)('%s: hello, calibration and raw samples from its own IMU driver', async (board, imu, gyroPerDps) => {
    freshBoard(`posture-${board}.js`, 'running.txt');
    const { r, events, out } = await converse(
      [
        { i: 1, c: 'hello' },
        // Exercises prescribed: the running figures include the exercise counter.
        { i: 2, c: 'set', v: { calib_s: 1, ex_extension_deg: 15, ex_side_deg: 12 } },
        { i: 3, c: 'calibrate' },
        { wait: (ev) => ev.some((e) => e.e === EV_CALIBRATED || e.e === EV_CALIB_REFUSED) },
        { i: 4, c: 'stream', hz: 25 },
        { wait: (ev) => ev.filter((e) => e.x).length >= 5 },
        { i: 5, c: 'stream', hz: 0 },
      ],
      SHIM + '\nvar shimBase=process.memory().usage;',
      // Counted before require("fs"), whose module would be counted too.
      'var bootVars=process.memory().usage-shimBase;require("fs").writeFileSync("vars.txt",""+bootVars);' +
        'setInterval(function(){var u=process.memory().usage-shimBase;require("fs").appendFileSync("running.txt",u+" ");},250);',
    );
    expect(out).toMatch(/posture-coach/);
    // Variables the firmware holds once booted, link included (less the shim's own).
    const vars = Number(readFileSync(join(dir, 'vars.txt'), 'utf8'));
    // And while it calibrates and streams (the measuring timer's own few included).
    const running = readFileSync(join(dir, 'running.txt'), 'utf8').trim().split(' ').map(Number);
    console.log(`${board} bundle: ${vars} variables after boot, at most ${Math.max(...running)} while running`);
    // The target is 1,300 after boot (met before the exercise programme: 1,268 and 1,295); its
    // fields and code, its times of day and the resting clip's double block buffers cost ~140
    // more with nothing prescribed, so this guards against further growth.
    expect(vars).toBeLessThanOrEqual(BOOT_VARS_GUARD);
    expect(running.length).toBeGreaterThan(2);
    expect(Math.max(...running)).toBeLessThanOrEqual(BOOT_VARS_GUARD - 100);
    expect(r(1)).toMatchObject({ ok: 1, board, imu, bat: board === 'puck' ? 80 : 100 });
    // The driver decoded the FIFO's bytes back into exactly the model's sample.
    const raw = events.filter((e) => e.x).map((e) => (e.x as number[]).slice(1));
    expect(raw.length).toBeGreaterThanOrEqual(5);
    for (const x of raw) expect(x).toEqual(SAMPLES[board]);
    // The clip's calibration is the host core's, to the last bit.
    const cal = events.find((e) => e.e === EV_CALIBRATED);
    expect(cal, JSON.stringify(events.filter((e) => e.e))).toBeDefined();
    expect(cal!.a).toBe(hostCalibration(SAMPLES[board], gyroPerDps));
    // Sitting still as calibrated: upright (state 1) in the block samples.
    const s = events.filter((e) => e.s).map((e) => (e.s as number[])[3]);
    expect(s.length).toBeGreaterThan(0);
    expect(s.every((x) => x === 1)).toBe(true);
  });
});

describe.runIf(ESPRUINO)('the Puck.js console on the interpreter', () => {
  it('listens on Serial1 only while an adapter holds D28 high, and stops after a quiet spell', async () => {
    freshBoard('posture-puck.js', 'uart.json');
    const t0 = Date.now();
    const { r } = await converse(
      [
        { wait: () => Date.now() - t0 > 3500 }, // the adapter is plugged in at 2 s
        { i: 1, c: 'hello' },
        { wait: () => Date.now() - t0 > 7000 }, // pulled at 4 s, 400 s pass, plugged again at 6 s
        { i: 2, c: 'hello' },
        { wait: () => Date.now() - t0 > 10000 }, // 400 quiet s with it attached at 8 s
        { i: 3, c: 'hello' },
        { wait: () => Date.now() - t0 > 10800 },
      ],
      'var SHIM_D28=0;\n' + SHIM,
      'setTimeout(function(){SHIM_plug(1);},2000);' +
        'setTimeout(function(){SHIM_plug(0);SHIM_skip(400);},4000);' +
        'setTimeout(function(){SHIM_plug(1);},6000);' +
        'setTimeout(function(){SHIM_skip(400);},8000);' +
        'setInterval(function(){require("fs").writeFileSync("uart.json",JSON.stringify(SHIM_UART));},200);',
    );
    for (const i of [1, 2, 3]) expect(r(i)).toMatchObject({ ok: 1, board: 'puck' });
    const uart = JSON.parse(readFileSync(join(dir, 'uart.json'), 'utf8')) as [string, number][];
    expect(uart.map((u) => u[0])).toEqual(['setup', 'unsetup', 'setup', 'unsetup', 'setup']);
    const at = uart.map((u) => u[1]);
    // Not before the adapter came (2 s); off within a tick of the quiet spell once it was gone
    // (4 s); on again when it came back (6 s); and, attached, a quiet spell only restarts it (8 s).
    expect(at[0]).toBeGreaterThanOrEqual(1.9);
    expect(at[1]).toBeGreaterThanOrEqual(3.9);
    expect(at[1]).toBeLessThan(5);
    expect(at[2]).toBeGreaterThanOrEqual(5.9);
    expect(at[3]).toBeGreaterThanOrEqual(7.9);
    expect(at[4] - at[3]).toBeLessThan(0.1);
  }, 30000);
});

describe.runIf(ESPRUINO)('the firmware over time on the Espruino interpreter', () => {
  it('streams for 20 s at 25 Hz without its variables growing (nothing allocated per sample is kept)', async () => {
    freshBoard('posture-linux.js', 'mem.txt');
    const t0 = Date.now();
    const { events } = await converse(
      [
        { i: 1, c: 'calibrate' },
        { wait: (ev) => ev.some((e) => e.e === EV_CALIBRATED) },
        { i: 2, c: 'stream', hz: 25 },
        { wait: () => Date.now() - t0 > 22000 },
        { i: 3, c: 'stream', hz: 0 },
      ],
      'var memBase=process.memory().usage;',
      // The firmware's own: less the interpreter's baseline, counted before require("fs").
      'setInterval(function(){var u=process.memory().usage-memBase;require("fs").appendFileSync("mem.txt",u+"\\n");},1000);',
    );
    expect(events.filter((e) => e.x).length).toBeGreaterThan(400);
    const mem = readFileSync(join(dir, 'mem.txt'), 'utf8').trim().split('\n').map(Number);
    // After the first seconds (calibration, the first minute's buffers), usage stays flat:
    // the largest figure of the last 10 s is no higher than the largest of the 10 s before.
    const late = mem.slice(-10), early = mem.slice(-20, -10);
    console.log(`variables while streaming: ${early.join(' ')} | ${late.join(' ')}`);
    expect(Math.max(...late)).toBeLessThanOrEqual(Math.max(...early) + 5);
  }, 60000);

  it('on a flat battery logs it, stops sampling, and still answers', async () => {
    freshBoard('posture-puck.js');
    const t0 = Date.now();
    const { r, events } = await converse(
      [{ i: 1, c: 'hello' }, { i: 2, c: 'stream', hz: 25 }, { wait: () => Date.now() - t0 > 4000 }, { i: 3, c: 'pull', from: 0 }],
      'var SHIM_BATTERY=3;\n' + SHIM,
    );
    expect(r(1)).toMatchObject({ ok: 1, board: 'puck', bat: 3 });
    // At boot (before the link was up, so read from the log): low battery (b = 0: no more
    // buzzing), then empty (b = 1: sampling stopped).
    const recs = splitRecords(new Uint8Array(Buffer.from(r(3).recs as string, 'base64'))).map(decodeRecord);
    const low = recs.filter((x): x is Extract<LogRecord, { kind: 'event' }> => x.kind === 'event' && x.type === EV_LOW_BATTERY);
    expect(low.map((e) => [e.a, e.b])).toEqual([
      [3, 0],
      [3, 1],
    ]);
    // Streaming was asked for, but a stopped clip samples nothing.
    expect(events.filter((e) => e.s || e.x)).toEqual([]);
  });
});
