// Power states on the firmware bundle (virtual clip, MPU-6050 register model): off the body
// the IMU rests in its low-power accelerometer mode and the MCU only peeks; picked up, it
// samples and coaches again within 2 s, and detection is what it is without resting.
import { describe, expect, it } from 'vitest';
import { createVirtualDevice } from '../host/sim/virtual-device';
import { Segment } from '../host/sim/scenario';
import { frame, unframe } from '../shared/protocol';
import { EV_ALERT, EV_SLOUCH_END, EV_SLOUCH_START, EV_STATE, ST_OFF } from '../shared/events';
import { MPU_PWR_MGMT_1 } from '../firmware/imu/mpu6050';
import { REST_AFTER_MS, REST_LINE_MS } from '../firmware/app';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../host/paths';
import { realisticDayLedgers } from '../host/sim/energy-day';
import { ledgerTable } from '../host/sim/energy';

const OFF_AT = 225_000, WORN_AT = 825_000;
const SCRIPT: Segment[] = [
  { activity: 'upright', seconds: 120 },
  { activity: 'slouch', seconds: 45, deg: 25 },
  { activity: 'upright', seconds: 60 },
  { activity: 'clip_off', seconds: 600 }, // on the desk from 225 s
  { activity: 'upright', seconds: 30 }, // worn again at 825 s
  { activity: 'slouch', seconds: 45, deg: 25 },
  { activity: 'upright', seconds: 60 },
];

interface Ev { e: number; t: number; a: number; b: number }

function run(keepAwake: boolean) {
  const dev = createVirtualDevice({ scenario: SCRIPT, speed: 0, start: 0, loop: false });
  let motionInts = 0;
  const line = dev.imu.onInt!;
  dev.imu.onInt = () => {
    motionInts++;
    line();
  };
  dev.input(frame(JSON.stringify({ i: 1, c: 'calibrate' })));
  if (keepAwake) dev.input(frame(JSON.stringify({ i: 2, c: 'stream', hz: 1 }))); // a streaming clip never rests
  dev.advance(5000);
  const samplesAt = (ms: number) => {
    dev.advance(ms - dev.virtualMs);
    return dev.imu.counts.fifoSamples;
  };
  const s1 = samplesAt(OFF_AT + 200_000);
  const s2 = samplesAt(WORN_AT - 1000);
  dev.advance(WORN_AT + 150_000 - dev.virtualMs);
  const evs: Ev[] = dev.output.join('').split('\n').map((l) => unframe(l.trim())).filter((j): j is string => !!j).map((j) => JSON.parse(j)).filter((m) => m.e !== undefined);
  dev.stop();
  return { evs, restSamples: s2 - s1, powerLog: dev.imu.powerLog, peeks: dev.imu.counts.peeks, motionInts };
}

describe('off the body', () => {
  const resting = run(false);
  const awake = run(true);

  it('rests the IMU (low-power accelerometer, no FIFO) a minute after it lies off the body', () => {
    const offState = resting.evs.find((e) => e.e === EV_STATE && e.a === ST_OFF && e.t > OFF_AT)!;
    expect(offState).toBeDefined();
    const rest = resting.powerLog.find(([t, reg, v]) => reg === MPU_PWR_MGMT_1 && v & 0x20 && t > OFF_AT)!;
    expect(rest).toBeDefined();
    expect(rest[0] - offState.t).toBeGreaterThanOrEqual(REST_AFTER_MS - 100); // the log's clock and the model's differ by a tick
    expect(rest[0] - offState.t).toBeLessThan(REST_AFTER_MS + 2000);
    // Resting: not one sample through the FIFO; the IMU's motion line (B5) wakes the clip, which
    // otherwise peeks only every REST_LINE_MS (a line that is not wired still lets it wake);
    // awake (streaming): 25 a second.
    expect(resting.restSamples).toBe(0);
    const restS = (WORN_AT - OFF_AT - REST_AFTER_MS) / 1000;
    expect(resting.peeks).toBeGreaterThanOrEqual(Math.floor(restS / (REST_LINE_MS / 1000)) - 1);
    expect(resting.peeks).toBeLessThanOrEqual(Math.ceil(restS / (REST_LINE_MS / 1000)) + 2);
    expect(resting.motionInts).toBe(1); // the pick-up
    expect(awake.restSamples).toBeGreaterThan(25 * 390);
    expect(awake.powerLog.filter(([t]) => t > 10_000)).toEqual([]);
  });

  it('a host that starts streaming to a resting clip gets samples at once, not when someone picks it up', () => {
    const dev = createVirtualDevice({ scenario: SCRIPT, speed: 0, start: 0, loop: false });
    dev.input(frame(JSON.stringify({ i: 1, c: 'calibrate' })));
    dev.advance(OFF_AT + 200_000); // on the desk, the IMU resting
    expect(dev.imu.powerLog.some(([t, reg, v]) => reg === MPU_PWR_MGMT_1 && v & 0x20 && t > OFF_AT)).toBe(true);
    const before = dev.imu.counts.fifoSamples;
    dev.input(frame(JSON.stringify({ i: 2, c: 'stream', hz: 25 })));
    dev.advance(1500);
    dev.stop();
    expect(dev.imu.counts.fifoSamples - before).toBeGreaterThan(20);
  });

  it('off -> worn: sampling and coaching are back within 2 s of being worn again', () => {
    const back = resting.evs.find((e) => e.e === EV_STATE && e.b === ST_OFF && e.t > WORN_AT - 5000)!;
    expect(back).toBeDefined();
    const wakeMs = back.t - WORN_AT;
    console.log(`off -> worn: the clip left "off" ${wakeMs} ms after it was worn again (awake all along: ${awake.evs.find((e) => e.e === EV_STATE && e.b === ST_OFF && e.t > WORN_AT - 5000)!.t - WORN_AT} ms)`);
    expect(wakeMs).toBeLessThanOrEqual(2000);
    // The stored calibration still holds: the slouch after it is prompted as before.
    expect(resting.evs.some((e) => e.e === EV_ALERT && e.t > WORN_AT + 30_000 && e.t < WORN_AT + 80_000)).toBe(true);
  });

  it('with the motion line not wired, the clip still wakes: its peek every REST_LINE_MS finds it moved', () => {
    const dev = createVirtualDevice({ scenario: SCRIPT, speed: 0, start: 0, loop: false });
    dev.imu.onInt = undefined;
    dev.input(frame(JSON.stringify({ i: 1, c: 'calibrate' })));
    dev.advance(WORN_AT + 20_000);
    const evs: Ev[] = dev.output.join('').split('\n').map((l) => unframe(l.trim())).filter((j): j is string => !!j).map((j) => JSON.parse(j)).filter((m) => m.e !== undefined);
    dev.stop();
    const back = evs.find((e) => e.e === EV_STATE && e.b === ST_OFF && e.t > WORN_AT - 5000)!;
    expect(back).toBeDefined();
    expect(back.t - WORN_AT).toBeLessThanOrEqual(REST_LINE_MS + 2000);
  });

  it('detects the same slouches and prompts with the IMU resting (gyro and off the body) as without (within 2 s)', () => {
    const pick = (evs: Ev[]) => evs.filter((e) => [EV_SLOUCH_START, EV_SLOUCH_END, EV_ALERT].includes(e.e));
    const a = pick(resting.evs), b = pick(awake.evs);
    expect(a.map((e) => e.e)).toEqual(b.map((e) => e.e));
    expect(a.length).toBeGreaterThanOrEqual(6);
    const shifts = a.map((e, i) => e.t - b[i].t);
    console.log(`slouch starts, ends and prompts, resting minus awake (ms): ${shifts.join(' ')}`);
    // The gyro rests while the wearer sits still, so the first block of a movement is judged on
    // the accelerometer alone: an episode may start or end a few blocks apart, never more.
    shifts.forEach((d) => expect(Math.abs(d)).toBeLessThanOrEqual(2000));
  });
});

describe('the energy ledger', () => {
  it('hardware/README.md shows the ledger the emulation measures over the realistic day', () => {
    const l = realisticDayLedgers();
    const hw = readFileSync(join(repoRoot, 'hardware', 'README.md'), 'utf8');
    const block = (name: string) => hw.split(`<!-- ledger:${name} -->\n`)[1].split(`\n<!-- /ledger:${name} -->`)[0];
    expect(block('pico')).toBe(ledgerTable(l.pico));
    expect(block('puck')).toBe(ledgerTable(l.puck));
    expect(hw).toContain(`Espruino Pico, 500 mAh LiPo: ${l.pico.days.toFixed(1)} days per charge`);
    expect(hw).toContain(`Puck.js v2, 230 mAh CR2032: ${l.puck.days.toFixed(1)} days per charge`);
    // Lying on the desk costs almost nothing now: the IMU rests and the core does not run.
    const desk = l.pico.rows.find((r) => r.state.startsWith('low-power'))!;
    expect(desk.hours).toBeGreaterThan(15.5);
    expect(l.pico.rows.find((r) => r.state === 'accelerometer and gyro')!.hours).toBeLessThan(8.5);
  }, 60_000);
});

