// InvenSense MPU-6050 (GY-521 breakout). Registers from "MPU-6000 and MPU-6050 Register Map
// and Descriptions", revision 4.2. Run at +-4 g (8192 counts/g = the core's Q13) and
// +-250 deg/s (131 counts per deg/s), samples through the 1024-byte FIFO, 12 bytes a sample
// (accel x,y,z then gyro x,y,z, big-endian).
import { Bus, Imu, MAX_READ } from './types';
import { splitWords } from './split';

export const MPU_SMPLRT_DIV = 0x19;
export const MPU_CONFIG = 0x1a;
export const MPU_GYRO_CONFIG = 0x1b;
export const MPU_ACCEL_CONFIG = 0x1c;
export const MPU_FIFO_EN = 0x23;
export const MPU_USER_CTRL = 0x6a;
export const MPU_ACCEL_XOUT_H = 0x3b;
export const MPU_PWR_MGMT_1 = 0x6b; // bit 6 SLEEP, bit 5 CYCLE, bit 3 TEMP_DIS, bits 2:0 CLKSEL
export const MPU_PWR_MGMT_2 = 0x6c; // bits 7:6 LP_WAKE_CTRL (1.25, 5, 20, 40 Hz), 5:3 STBY_XA..ZA, 2:0 STBY_XG..ZG
export const MPU_FIFO_COUNTH = 0x72;
export const MPU_FIFO_R_W = 0x74;
export const MPU_WHO_AM_I = 0x75;
export const MPU_ID = 0x68;
export const MPU_FIFO_BYTES = 1024;
// Bytes per FIFO sample: 12 with the gyro (accel x,y,z then gyro x,y,z), 6 without.

/** Sample-rate divider (gyro output 1 kHz with the low-pass on) and low-pass setting per rate. */
export function mpuRateRegs(rateHz: number): [number, number] {
  const div = Math.round(1000 / rateHz) - 1; // 12.5 Hz: 79, 25: 39, 50: 19
  const dlpf = rateHz <= 13 ? 6 : rateHz <= 26 ? 5 : 4; // 5, 10, 21 Hz bandwidth: below Nyquist
  return [div, dlpf];
}

export function createMpu6050(bus: Bus): Imu {
  let sb = 12;
  return {
    name: 'MPU6050',
    gyroPerDps: 131,
    configure: function (rateHz) {
      const id = bus.read(MPU_WHO_AM_I, 1)[0];
      if (id !== MPU_ID) throw new Error('MPU6050 WHO_AM_I ' + id + ', expected ' + MPU_ID);
      const r = mpuRateRegs(rateHz);
      bus.write(MPU_PWR_MGMT_1, 0x01); // awake (not cycling), clock from the X gyro PLL
      bus.write(MPU_PWR_MGMT_2, 0x00); // every axis on (rest() put the gyro in standby)
      bus.write(MPU_SMPLRT_DIV, r[0]);
      bus.write(MPU_CONFIG, r[1]);
      bus.write(MPU_GYRO_CONFIG, 0x00); // +-250 deg/s
      bus.write(MPU_ACCEL_CONFIG, 0x08); // +-4 g
      bus.write(MPU_USER_CTRL, 0x04); // FIFO reset
      bus.write(MPU_USER_CTRL, 0x40); // FIFO on
      bus.write(MPU_FIFO_EN, 0x78); // gyro x, y, z and accel into the FIFO
      sb = 12;
    },
    gyro: function (on) {
      // Register map 4.28 (PWR_MGMT_2 STBY_XG..ZG) and product spec 6.1: the accelerometer
      // alone draws 0.5 mA against 3.9 mA with the gyro. Its PLL goes with it, so the clock
      // falls back to the internal oscillator. The FIFO restarts with the new sample layout.
      bus.write(MPU_FIFO_EN, on ? 0x78 : 0x08);
      bus.write(MPU_PWR_MGMT_2, on ? 0x00 : 0x07);
      bus.write(MPU_PWR_MGMT_1, on ? 0x01 : 0x00);
      bus.write(MPU_USER_CTRL, 0x44); // FIFO reset, on
      sb = on ? 12 : 6;
    },
    read: function (acc, gyr, k, max) {
      const c = bus.read(MPU_FIFO_COUNTH, 2);
      const count = (c[0] << 8) | c[1];
      if (count >= MPU_FIFO_BYTES) {
        // Overflowed: the stream lost its alignment, so start again clean.
        bus.write(MPU_USER_CTRL, 0x44);
        return 0;
      }
      let n = (count / sb) | 0;
      if (n > max) n = max;
      if (n > MAX_READ) n = MAX_READ;
      if (!n) return 0;
      const raw = bus.read(MPU_FIFO_R_W, n * sb);
      // Big-endian words decoded in one native call (DataView.getInt16 sample by sample cost
      // the interpreter ~190,000 instructions a sample). The accelerometer alone (the gyro
      // resting) goes straight into acc; with the gyro, split word by word after decoding.
      if (sb === 6) {
        bus.words(raw, acc.subarray(3 * k, 3 * (k + n)), undefined, 16);
        gyr.fill(0, 3 * k, 3 * (k + n));
        return n;
      }
      // Decoded in place (each word is written where its two bytes were read), then split.
      const w = new Int16Array(raw.buffer, raw.byteOffset, 6 * n);
      bus.words(raw, w, undefined, 16);
      splitWords(w, acc, gyr, k, n);
      return n;
    },
    rest: function () {
      // Register map section 4.28 and product spec 6.2: the low-power accelerometer mode
      // (about 20 uA at 5 Hz, against 3.9 mA with the gyro): FIFO off, gyro in standby, the
      // internal oscillator (the gyro's PLL is off), then CYCLE with the temperature sensor off.
      bus.write(MPU_FIFO_EN, 0x00);
      bus.write(MPU_USER_CTRL, 0x04); // FIFO reset, and off
      bus.write(MPU_PWR_MGMT_2, 0x47); // wake at 5 Hz, gyro x, y, z in standby
      bus.write(MPU_PWR_MGMT_1, 0x28); // CYCLE, TEMP_DIS, internal 8 MHz oscillator
    },
    peek: function (acc) {
      const r = bus.read(MPU_ACCEL_XOUT_H, 6);
      acc[0] = ((r[0] << 24) >> 16) | r[1];
      acc[1] = ((r[2] << 24) >> 16) | r[3];
      acc[2] = ((r[4] << 24) >> 16) | r[5];
    },
    close: function () {
      bus.write(MPU_PWR_MGMT_1, 0x40); // sleep
    },
  };
}
