// Register-level models of the two IMUs, for the driver tests and the virtual device: the
// registers the drivers use, and a FIFO that the test or a motion script fills with samples.
import { MPU_ACCEL_CONFIG, MPU_ACCEL_XOUT_H, MPU_FIFO_COUNTH, MPU_INT_ENABLE, MPU_INT_PIN_CFG, MPU_INT_STATUS, MPU_MOT_THR, MPU_FIFO_R_W, MPU_ID, MPU_PWR_MGMT_1, MPU_PWR_MGMT_2, MPU_SMPLRT_DIV, MPU_USER_CTRL, MPU_WHO_AM_I } from '../../firmware/imu/mpu6050';
import { LSM_CTRL1_XL, LSM_CTRL2_G, LSM_CTRL6_C, LSM_FIFO_CTRL3, LSM_FIFO_CTRL5, LSM_FIFO_DATA_OUT_L, LSM_FIFO_STATUS1, LSM_ID, LSM_OUTX_L_XL, LSM_WHO_AM_I } from '../../firmware/imu/lsm6ds3';

export interface I2cDevice {
  write(bytes: number[]): void;
  read(reg: number, n: number): Uint8Array;
  /** Adds one sample (accel Q13 counts, gyro counts) to the FIFO. */
  push(ax: number, ay: number, az: number, gx: number, gy: number, gz: number): void;
  regs: Uint8Array;
  /** Every register write, in order, as [reg, value]. */
  log: number[][];
  fifo: number[];
  /** When set, every access throws (a stuck or missing bus). */
  fail: boolean;
  /** Writes to the power registers as [clock ms, reg, value], when the model was given a clock: the energy ledger's input. */
  powerLog: number[][];
  /**
   * Samples read out of the FIFO (gyroSamples: those with the gyro's words), reads of its level
   * (one or more per timer wake), reads of its data (gyroReads: with the gyro's words), reads
   * of the accelerometer's data registers, and the bytes on the bus (each write 3: address,
   * register, value; each read 3 + its length: address, register, address again).
   */
  counts: { fifoSamples: number; gyroSamples: number; polls: number; reads: number; gyroReads: number; peeks: number; busBytes: number };
  /** Called when the chip raises its interrupt line (MPU-6050: motion, while MOT_EN is set). */
  onInt?: () => void;
}

function base(size: number): Pick<I2cDevice, 'regs' | 'log' | 'fifo' | 'fail' | 'powerLog' | 'counts'> {
  return { regs: new Uint8Array(size), log: [], fifo: [], fail: false, powerLog: [], counts: { fifoSamples: 0, gyroSamples: 0, polls: 0, reads: 0, gyroReads: 0, peeks: 0, busBytes: 0 } };
}

function be16(out: number[], v: number) {
  const u = v & 0xffff;
  out.push(u >> 8, u & 255);
}
function le16(out: number[], v: number) {
  const u = v & 0xffff;
  out.push(u & 255, u >> 8);
}

/**
 * MPU-6050 (register map revision 4.2): FIFO of 12-byte samples while FIFO_EN and USER_CTRL
 * say so; the accelerometer's data registers follow the motion always, and in CYCLE mode
 * (PWR_MGMT_1 bit 5) only at its LP_WAKE_CTRL rate. clock: time for the power log.
 */
export function mpu6050Model(fifoBytes = 1024, clock?: () => number): I2cDevice {
  const d = base(128) as I2cDevice;
  d.regs[MPU_WHO_AM_I] = MPU_ID;
  d.regs[MPU_PWR_MGMT_1] = 0x40; // asleep at power-on
  let pushes = 0;
  // Motion detection: the high-pass filter in hold (ACCEL_HPF 7) keeps the reading it had when
  // set; a later reading off it by more than MOT_THR x 2 mg on an axis sets MOT_INT and pulses
  // the line (or, LATCH_INT_EN, raises it until cleared: line).
  let line = false;
  const held = [0, 0, 0];
  const reading = (i: number) => ((d.regs[MPU_ACCEL_XOUT_H + 2 * i] << 24) >> 16) | d.regs[MPU_ACCEL_XOUT_H + 2 * i + 1];
  d.write = (bytes) => {
    if (d.fail) throw new Error('I2C: no ACK');
    d.log.push([bytes[0], bytes[1]]);
    d.counts.busBytes += 3;
    d.regs[bytes[0]] = bytes[1];
    if (bytes[0] === MPU_ACCEL_CONFIG && (bytes[1] & 7) === 7) for (let i = 0; i < 3; i++) held[i] = reading(i);
    if (clock && (bytes[0] === MPU_PWR_MGMT_1 || bytes[0] === MPU_PWR_MGMT_2)) d.powerLog.push([clock(), bytes[0], bytes[1]]);
    if (bytes[0] === MPU_USER_CTRL && bytes[1] & 0x04) d.fifo.length = 0;
  };
  d.read = (reg, n) => {
    if (d.fail) throw new Error('I2C: no ACK');
    d.counts.busBytes += 3 + n;
    const status = d.regs[MPU_INT_STATUS];
    // Reading INT_STATUS clears it and a latched line; with INT_RD_CLEAR any read does.
    if (reg === MPU_INT_STATUS || d.regs[MPU_INT_PIN_CFG] & 0x10) {
      d.regs[MPU_INT_STATUS] = 0;
      line = false;
    }
    if (reg === MPU_INT_STATUS) return new Uint8Array([status]);
    if (reg === MPU_FIFO_COUNTH) {
      d.counts.polls++;
      return new Uint8Array([d.fifo.length >> 8, d.fifo.length & 255]);
    }
    if (reg === MPU_FIFO_R_W) {
      d.counts.reads++;
      d.counts.fifoSamples += n / (d.regs[0x23] & 0x70 ? 12 : 6);
      if (d.regs[0x23] & 0x70) {
        d.counts.gyroSamples += n / 12;
        d.counts.gyroReads++;
      }
      return new Uint8Array(d.fifo.splice(0, n));
    }
    if (reg === MPU_ACCEL_XOUT_H) d.counts.peeks++;
    return d.regs.slice(reg, reg + n);
  };
  d.push = (ax, ay, az, gx, gy, gz) => {
    const pwr = d.regs[MPU_PWR_MGMT_1];
    if (pwr & 0x40) return; // asleep
    // Cycling: one accelerometer reading per wake (1.25, 5, 20 or 40 Hz) of the pushes at the sample rate.
    const every = Math.max(1, Math.round(1000 / (1 + d.regs[MPU_SMPLRT_DIV]) / [1.25, 5, 20, 40][d.regs[MPU_PWR_MGMT_2] >> 6]));
    if (!(pwr & 0x20) || pushes++ % every === 0) {
      const a: number[] = [];
      for (const v of [ax, ay, az]) be16(a, v);
      d.regs.set(a, MPU_ACCEL_XOUT_H);
      const thr = d.regs[MPU_MOT_THR] * 2 * 8.192; // 2 mg in counts at +-4 g
      if (d.regs[MPU_INT_ENABLE] & 0x40 && (d.regs[MPU_ACCEL_CONFIG] & 7) === 7 && [0, 1, 2].some((i) => Math.abs(reading(i) - held[i]) > thr)) {
        d.regs[MPU_INT_STATUS] |= 0x40;
        if (!line) d.onInt?.();
        line = (d.regs[MPU_INT_PIN_CFG] & 0x20) !== 0;
      }
    }
    if (pwr & 0x20) return; // cycling: no FIFO
    if (!(d.regs[0x23] & 0x08) || !(d.regs[MPU_USER_CTRL] & 0x40)) return; // FIFO off
    // FIFO_EN: the accelerometer alone (0x08) makes 6-byte samples; with the gyro's bits, 12.
    // A gyro in standby would put zeros there.
    const gyroOn = (d.regs[MPU_PWR_MGMT_2] & 7) === 0;
    const b: number[] = [];
    const v6 = d.regs[0x23] & 0x70 ? [ax, ay, az, gyroOn ? gx : 0, gyroOn ? gy : 0, gyroOn ? gz : 0] : [ax, ay, az];
    for (const v of v6) be16(b, v);
    if (d.fifo.length + b.length > fifoBytes) {
      d.fifo.push(...b.slice(0, fifoBytes - d.fifo.length)); // overflows like the chip: count hits 1024
      return;
    }
    d.fifo.push(...b);
  };
  return d;
}

/**
 * LSM6DS3TR-C (DocID030071): FIFO of 12-byte samples in continuous mode; the accelerometer's
 * output registers follow the motion while it is on (CTRL1_XL), the gyro's FIFO words read 0
 * while it is powered down (CTRL2_G). clock: time for the power log.
 */
export function lsm6ds3Model(clock?: () => number): I2cDevice {
  const d = base(128) as I2cDevice;
  d.regs[LSM_WHO_AM_I] = LSM_ID;
  let over = false;
  d.write = (bytes) => {
    if (d.fail) throw new Error('I2C: no ACK');
    d.log.push([bytes[0], bytes[1]]);
    d.counts.busBytes += 3;
    d.regs[bytes[0]] = bytes[1];
    if (clock && (bytes[0] === LSM_CTRL1_XL || bytes[0] === LSM_CTRL2_G || bytes[0] === LSM_CTRL6_C)) d.powerLog.push([clock(), bytes[0], bytes[1]]);
    if (bytes[0] === LSM_FIFO_CTRL5 && (bytes[1] & 7) === 0) {
      d.fifo.length = 0;
      over = false;
    }
  };
  d.read = (reg, n) => {
    if (d.fail) throw new Error('I2C: no ACK');
    d.counts.busBytes += 3 + n;
    if (reg === LSM_FIFO_STATUS1) {
      d.counts.polls++;
      const words = d.fifo.length / 2;
      return new Uint8Array([words & 255, ((words >> 8) & 7) | (over ? 0x40 : 0)]);
    }
    if (reg === LSM_FIFO_DATA_OUT_L) {
      d.counts.reads++;
      d.counts.fifoSamples += n / (d.regs[LSM_FIFO_CTRL3] & 0x38 ? 12 : 6);
      if (d.regs[LSM_FIFO_CTRL3] & 0x38) {
        d.counts.gyroSamples += n / 12;
        d.counts.gyroReads++;
      }
      return new Uint8Array(d.fifo.splice(0, n));
    }
    if (reg === LSM_OUTX_L_XL) d.counts.peeks++;
    return d.regs.slice(reg, reg + n);
  };
  d.push = (ax, ay, az, gx, gy, gz) => {
    if (!(d.regs[LSM_CTRL1_XL] >> 4)) return; // accelerometer powered down
    const a: number[] = [];
    for (const v of [ax, ay, az]) le16(a, v);
    d.regs.set(a, LSM_OUTX_L_XL);
    if ((d.regs[LSM_FIFO_CTRL5] & 7) !== 6) return;
    if (d.fifo.length >= 8192) {
      over = true;
      return;
    }
    // FIFO_CTRL3: gyro decimation bits 5:3 (0 = not in the FIFO), accel bits 2:0.
    const inFifo = d.regs[LSM_FIFO_CTRL3] & 0x38;
    const g = d.regs[LSM_CTRL2_G] >> 4 ? [gx, gy, gz] : [0, 0, 0];
    for (const v of inFifo ? [...g, ax, ay, az] : [ax, ay, az]) le16(d.fifo, v);
  };
  return d;
}
