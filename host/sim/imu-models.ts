// Register-level models of the two IMUs, for the driver tests and the virtual device: the
// registers the drivers use, and a FIFO that the test or a motion script fills with samples.
import { MPU_FIFO_COUNTH, MPU_FIFO_R_W, MPU_ID, MPU_USER_CTRL, MPU_WHO_AM_I } from '../../firmware/imu/mpu6050';
import { LSM_FIFO_CTRL5, LSM_FIFO_DATA_OUT_L, LSM_FIFO_STATUS1, LSM_ID, LSM_WHO_AM_I } from '../../firmware/imu/lsm6ds3';

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
}

function base(size: number): Pick<I2cDevice, 'regs' | 'log' | 'fifo' | 'fail'> {
  return { regs: new Uint8Array(size), log: [], fifo: [], fail: false };
}

function be16(out: number[], v: number) {
  const u = v & 0xffff;
  out.push(u >> 8, u & 255);
}
function le16(out: number[], v: number) {
  const u = v & 0xffff;
  out.push(u & 255, u >> 8);
}

export function mpu6050Model(fifoBytes = 1024): I2cDevice {
  const d = base(128) as I2cDevice;
  d.regs[MPU_WHO_AM_I] = MPU_ID;
  d.write = (bytes) => {
    if (d.fail) throw new Error('I2C: no ACK');
    d.log.push([bytes[0], bytes[1]]);
    d.regs[bytes[0]] = bytes[1];
    if (bytes[0] === MPU_USER_CTRL && bytes[1] & 0x04) d.fifo.length = 0;
  };
  d.read = (reg, n) => {
    if (d.fail) throw new Error('I2C: no ACK');
    if (reg === MPU_FIFO_COUNTH) return new Uint8Array([d.fifo.length >> 8, d.fifo.length & 255]);
    if (reg === MPU_FIFO_R_W) return new Uint8Array(d.fifo.splice(0, n));
    return d.regs.slice(reg, reg + n);
  };
  d.push = (ax, ay, az, gx, gy, gz) => {
    if (!(d.regs[0x23] & 0x08) || !(d.regs[MPU_USER_CTRL] & 0x40)) return; // FIFO off
    const b: number[] = [];
    for (const v of [ax, ay, az, gx, gy, gz]) be16(b, v);
    if (d.fifo.length + b.length > fifoBytes) {
      d.fifo.push(...b.slice(0, fifoBytes - d.fifo.length)); // overflows like the chip: count hits 1024
      return;
    }
    d.fifo.push(...b);
  };
  return d;
}

export function lsm6ds3Model(): I2cDevice {
  const d = base(128) as I2cDevice;
  d.regs[LSM_WHO_AM_I] = LSM_ID;
  let over = false;
  d.write = (bytes) => {
    if (d.fail) throw new Error('I2C: no ACK');
    d.log.push([bytes[0], bytes[1]]);
    d.regs[bytes[0]] = bytes[1];
    if (bytes[0] === LSM_FIFO_CTRL5 && (bytes[1] & 7) === 0) {
      d.fifo.length = 0;
      over = false;
    }
  };
  d.read = (reg, n) => {
    if (d.fail) throw new Error('I2C: no ACK');
    if (reg === LSM_FIFO_STATUS1) {
      const words = d.fifo.length / 2;
      return new Uint8Array([words & 255, ((words >> 8) & 7) | (over ? 0x40 : 0)]);
    }
    if (reg === LSM_FIFO_DATA_OUT_L) return new Uint8Array(d.fifo.splice(0, n));
    return d.regs.slice(reg, reg + n);
  };
  d.push = (ax, ay, az, gx, gy, gz) => {
    if ((d.regs[LSM_FIFO_CTRL5] & 7) !== 6) return;
    if (d.fifo.length >= 8192) {
      over = true;
      return;
    }
    for (const v of [gx, gy, gz, ax, ay, az]) le16(d.fifo, v);
  };
  return d;
}
