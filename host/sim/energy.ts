// The energy ledger: how long each part of the clip spent in each power state during a run of
// the firmware bundle on the virtual clip, from what the firmware itself did (its IMU register
// writes, the samples it drained and the peeks it made, its motor pulses), turned into charge
// with datasheet currents. What is measured and what is modelled is said per row.
import { MPU_PWR_MGMT_1, MPU_PWR_MGMT_2 } from '../../firmware/imu/mpu6050';
import { I2cDevice } from './imu-models';
import { blockSize } from '../../shared/estimator';
import { REST_BLOCKS } from '../../shared/core';
import { REST_LINE_MS, REST_POLL_MS } from '../../firmware/app';

export interface LedgerRow {
  part: string;
  state: string;
  hours: number;
  mA: number;
  mAhPerDay: number;
  source: string;
}

export interface BoardPower {
  name: string;
  batteryMah: number;
  mcu: { mhz: number; runMa: number; sleepMa: number; source: string };
  /** Always drawn: regulator, divider. */
  quiescentMa: number;
  imu: { full: number; accelOnly: number; lowPower: number; sleep: number; source: string; lowPowerName: string };
  /** Whether the IMU's motion line wakes the resting clip (else it peeks every REST_POLL_MS). */
  imuLine: boolean;
}

// Interpreter instructions the clip spends (the -Os Linux build under callgrind, `npm run bench`,
// docs/benchmarks.md): the whole step per sample with the gyro running and with it resting (the
// clip then runs 1.6 s blocks without the gyro's sums: a still recording run so).
export const INSTR_PER_SAMPLE = 123_000;
export const INSTR_PER_SAMPLE_GYRO_REST = 42_600;
// Draining the FIFO through the device's own bus functions (tests/bench/fifo-read.ts): each read
// that finds samples costs a fixed part (two I2C transactions through the Hal, the decode call)
// and a part per sample (with the gyro the words are split sample by sample in code); a poll
// that finds too few costs the FIFO count's transaction alone.
export const INSTR_READ = { gyro: 337_000, accelOnly: 284_500 };
export const INSTR_READ_PER_SAMPLE = { gyro: 83_600, accelOnly: 1_200 };
export const INSTR_EMPTY_POLL = 174_000;
// A resting IMU's peek (one 6-byte read and the wake-up test), and a timer wake's own work
// before it reads anything (watchdog kick, clock, battery check due?): both from the bench.
export const INSTR_PER_PEEK = 201_000;
export const INSTR_PER_WAKE = 66_000;
// The app's own work around the core in each block, worn and still (the tick's loop, a flexion
// sample every 3.2 s, the minute sums, the gyro and rest decisions) with each minute's closing
// and writing spread over its blocks: a tick of the app over a Hal that costs next to nothing,
// less the core's block (tests/bench/app-cost.ts). It includes the tick's prologue, which the
// wake counts too: an overcount of at most INSTR_PER_WAKE a block. And each logged event: its
// record sealed, packed and written (the log ring's append).
export const INSTR_APP_PER_BLOCK = { gyro: 407_000, rest: 589_000 };
export const INSTR_PER_LOGGED_EVENT = 4_250_000;
// Cortex-M cycles per x86-64 interpreter instruction: a stated assumption (the interpreter's C
// compiles to a similar instruction count on both; Thumb-2 needs more for 32-bit constants and
// has no out-of-order execution).
export const CORTEX_CYCLES_PER_INSTR = 1.5;
// Espruino's I2C waits for each byte (9 bit times at 400 kHz) with the CPU running.
export const I2C_BITS_PER_S = 400_000;
export const MOTOR_MA = 70;

export const PICO: BoardPower = {
  name: 'Espruino Pico (MPU-6050, 500 mAh LiPo)',
  batteryMah: 500,
  mcu: { mhz: 84, runMa: 20, sleepMa: 0.02, source: 'STM32F401 datasheet: run at 84 MHz; Espruino deep sleep (STOP)' },
  quiescentMa: 0.06,
  imu: { full: 3.9, accelOnly: 0.5, lowPower: 0.02, sleep: 0.005, source: 'MPU-6050 product specification rev 3.4, 6.1-6.2', lowPowerName: 'low-power accelerometer, 5 Hz' },
  imuLine: true,
};

export const PUCK: BoardPower = {
  name: 'Puck.js v2 (LSM6DS3TR-C, CR2032 230 mAh)',
  batteryMah: 230,
  mcu: { mhz: 64, runMa: 3.7, sleepMa: 0.003, source: 'nRF52832 product specification: CPU at 64 MHz from flash (DC/DC); System ON idle' },
  quiescentMa: 0,
  imu: { full: 0.45, accelOnly: 0.09, lowPower: 0.009, sleep: 0.003, source: 'LSM6DS3TR-C datasheet (DocID030071), table 3 typical', lowPowerName: 'low-power accelerometer, 12.5 Hz' },
  imuLine: false,
};

/** Hours in each MPU-6050 power state from its power register writes up to endMs. */
export function imuStates(imu: I2cDevice, endMs: number): { full: number; accelOnly: number; lowPower: number; sleep: number } {
  const h = { full: 0, accelOnly: 0, lowPower: 0, sleep: 0 };
  let p1 = 0x40, p2 = 0, at = 0; // power-on: asleep
  const add = (to: number) => {
    const dh = (to - at) / 3600e3;
    if (p1 & 0x40) h.sleep += dh;
    else if (p1 & 0x20) h.lowPower += dh;
    else if ((p2 & 7) === 7) h.accelOnly += dh;
    else h.full += dh;
    at = to;
  };
  for (const [t, reg, v] of imu.powerLog) {
    add(Math.min(t, endMs));
    if (reg === MPU_PWR_MGMT_1) p1 = v;
    if (reg === MPU_PWR_MGMT_2) p2 = v;
  }
  add(endMs);
  return h;
}

/** Motor hours at full current (duty x time) from the motor log [ms, duty]. */
export function motorHours(log: [number, number][], endMs: number): number {
  let h = 0;
  for (let i = 0; i < log.length; i++) {
    const to = i + 1 < log.length ? log[i + 1][0] : endMs;
    if (log[i][1] > 0) h += (log[i][1] * (to - log[i][0])) / 3600e3;
  }
  return h;
}

export interface Run {
  imu: I2cDevice;
  motorLog: [number, number][];
  /** Timer wakes of the sampling loop (ticks), total. */
  wakes: number;
  hours: number;
  /** Events the clip logged (each an append to the log ring). */
  events: number;
}

/** The ledger of one run, scaled to a 24-hour day. */
export function ledger(run: Run, b: BoardPower): { rows: LedgerRow[]; mAhPerDay: number; days: number } {
  const per = 24 / run.hours;
  const endMs = run.hours * 3600e3;
  const s = imuStates(run.imu, endMs);
  const c = run.imu.counts;
  const rest = c.fifoSamples - c.gyroSamples;
  // The app's work per block as measured worn and still (flexion samples included): an upper
  // bound for the blocks that move.
  const n = blockSize(25);
  const blocks = { gyro: c.gyroSamples / n, rest: rest / (n * REST_BLOCKS) };
  // The run is the Pico's, whose motion line wakes it (and which peeks every REST_LINE_MS); a
  // board without one peeks every REST_POLL_MS while resting.
  let peeks = c.peeks, wakes = run.wakes;
  if (!b.imuLine) {
    const extra = (s.lowPower * 3600e3) / REST_POLL_MS - (s.lowPower * 3600e3) / REST_LINE_MS;
    peeks += extra;
    wakes += extra;
  }
  const instr = c.gyroSamples * (INSTR_PER_SAMPLE + INSTR_READ_PER_SAMPLE.gyro) + rest * (INSTR_PER_SAMPLE_GYRO_REST + INSTR_READ_PER_SAMPLE.accelOnly) +
    c.gyroReads * INSTR_READ.gyro + (c.reads - c.gyroReads) * INSTR_READ.accelOnly + (c.polls - c.reads) * INSTR_EMPTY_POLL +
    wakes * INSTR_PER_WAKE + peeks * INSTR_PER_PEEK +
    blocks.gyro * INSTR_APP_PER_BLOCK.gyro + blocks.rest * INSTR_APP_PER_BLOCK.rest + run.events * INSTR_PER_LOGGED_EVENT;
  const cpuH = (instr * CORTEX_CYCLES_PER_INSTR) / (b.mcu.mhz * 1e6) / 3600;
  const busH = (c.busBytes * 9) / I2C_BITS_PER_S / 3600;
  const runH = cpuH + busH;
  const motorH = motorHours(run.motorLog, endMs);
  const rows: LedgerRow[] = [];
  const row = (part: string, state: string, hours: number, mA: number, source: string) => {
    if (hours > 0) rows.push({ part, state, hours: hours * per, mA, mAhPerDay: hours * per * mA, source });
  };
  const k = (v: number) => `${Math.round(v / 1000)}k`;
  row('IMU', 'accelerometer and gyro', s.full, b.imu.full, b.imu.source);
  row('IMU', 'accelerometer only', s.accelOnly, b.imu.accelOnly, b.imu.source);
  row('IMU', b.imu.lowPowerName, s.lowPower, b.imu.lowPower, b.imu.source);
  row('IMU', 'asleep', s.sleep, b.imu.sleep, b.imu.source);
  row('MCU', 'running the interpreter', cpuH, b.mcu.runMa, `${b.mcu.source}; ${Math.round(c.gyroSamples)} samples with the gyro x ${k(INSTR_PER_SAMPLE + INSTR_READ_PER_SAMPLE.gyro)} and ${Math.round(rest)} without x ${k(INSTR_PER_SAMPLE_GYRO_REST + INSTR_READ_PER_SAMPLE.accelOnly)}, ${c.reads} FIFO reads, ${c.polls - c.reads} short polls, ${Math.round(wakes)} wakes, ${Math.round(peeks)} peeks, the app's work around ${Math.round(blocks.gyro + blocks.rest)} blocks (flexion samples and minutes included), ${run.events} logged events; x ${CORTEX_CYCLES_PER_INSTR} cycles per instruction`);
  row('MCU', 'running, waiting on I2C', busH, b.mcu.runMa, `${c.busBytes} bytes at ${I2C_BITS_PER_S / 1000} kHz, 9 bits each`);
  row('MCU', 'asleep', run.hours - runH, b.mcu.sleepMa, b.mcu.source);
  if (b.quiescentMa) row('regulator, divider', 'always', run.hours, b.quiescentMa, 'Pico regulator and battery divider');
  row('motor', 'on (duty-weighted)', motorH, MOTOR_MA, 'Precision Microdrives 310-101 at 3 V; the firmware\'s own pulses');
  const mAhPerDay = rows.reduce((a, r) => a + r.mAhPerDay, 0);
  return { rows, mAhPerDay, days: b.batteryMah / mAhPerDay };
}

/** The ledger as a markdown table (hardware/README.md carries this, from the bench). */
export function ledgerTable(l: { rows: LedgerRow[]; mAhPerDay: number; days: number }): string {
  const f = (v: number, d: number) => v.toFixed(d);
  const lines = ['| part | state | h / day | current, mA | mAh / day |', '|---|---|---|---|---|'];
  for (const r of l.rows) lines.push(`| ${r.part} | ${r.state} | ${r.hours < 0.1 ? f(r.hours, 3) : f(r.hours, 2)} | ${r.mA < 0.1 ? f(r.mA, 3) : f(r.mA, 2)} | ${f(r.mAhPerDay, 2)} |`);
  lines.push(`| **total** | | 24 | | **${f(l.mAhPerDay, 1)}** |`);
  return lines.join('\n');
}
