// InvenSense MPU-6050 (GY-521 breakout). Registers from "MPU-6000 and MPU-6050 Register Map
// and Descriptions", revision 4.2. Run at +-4 g (8192 counts/g = the core's Q13) and
// +-250 deg/s (131 counts per deg/s), samples through the 1024-byte FIFO, 12 bytes a sample
// (accel x,y,z then gyro x,y,z, big-endian).
import { Bus, Imu, MAX_READ_BYTES } from './types';
import { splitWords } from './split';

export const MPU_SMPLRT_DIV = 0x19;
export const MPU_CONFIG = 0x1a;
export const MPU_GYRO_CONFIG = 0x1b;
export const MPU_ACCEL_CONFIG = 0x1c; // bits 4:3 AFS_SEL; bits 2:0 ACCEL_HPF (7: hold, for motion detection)
// Motion detection (register map revision 3.x, sections on MOT_THR, MOT_DUR and INT_ENABLE;
// revision 4.2 no longer lists them, the silicon still has them): MOT_THR 1 LSB = 2 mg,
// MOT_DUR 1 LSB = 1 ms, INT_ENABLE bit 6 MOT_EN, INT_PIN_CFG bit 5 LATCH_INT_EN (else a 50 us
// pulse) and bit 4 INT_RD_CLEAR, INT_STATUS bit 6 MOT_INT (cleared by reading it).
export const MPU_MOT_THR = 0x1f;
export const MPU_MOT_DUR = 0x20;
export const MPU_INT_PIN_CFG = 0x37;
export const MPU_INT_ENABLE = 0x38;
export const MPU_INT_STATUS = 0x3a;
/** The motion that wakes a resting clip: 0.05 g off the reading it lay down with, as WAKE_COUNTS. */
export const MPU_WAKE_THR = 25;
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
    left: 0,
    configure: function (rateHz) {
      const id = bus.regRead(MPU_WHO_AM_I, 1)[0];
      if (id !== MPU_ID) throw new Error('MPU6050 WHO_AM_I ' + id + ', expected ' + MPU_ID);
      const r = mpuRateRegs(rateHz);
      bus.regWrite(MPU_PWR_MGMT_1, 0x01); // awake (not cycling), clock from the X gyro PLL
      bus.regWrite(MPU_PWR_MGMT_2, 0x00); // every axis on (rest() put the gyro in standby)
      bus.regWrite(MPU_SMPLRT_DIV, r[0]);
      bus.regWrite(MPU_CONFIG, r[1]);
      bus.regWrite(MPU_GYRO_CONFIG, 0x00); // +-250 deg/s
      bus.regWrite(MPU_ACCEL_CONFIG, 0x08); // +-4 g, the motion filter off
      bus.regWrite(MPU_INT_ENABLE, 0x00); // no motion interrupt while worn
      bus.regWrite(MPU_USER_CTRL, 0x04); // FIFO reset
      bus.regWrite(MPU_USER_CTRL, 0x40); // FIFO on
      bus.regWrite(MPU_FIFO_EN, 0x78); // gyro x, y, z and accel into the FIFO
      sb = 12;
    },
    gyro: function (on) {
      // Register map 4.28 (PWR_MGMT_2 STBY_XG..ZG) and product spec 6.1: the accelerometer
      // alone draws 0.5 mA against 3.9 mA with the gyro. Its PLL goes with it, so the clock
      // falls back to the internal oscillator. The FIFO restarts with the new sample layout.
      bus.regWrite(MPU_FIFO_EN, on ? 0x78 : 0x08);
      bus.regWrite(MPU_PWR_MGMT_2, on ? 0x00 : 0x07);
      bus.regWrite(MPU_PWR_MGMT_1, on ? 0x01 : 0x00);
      bus.regWrite(MPU_USER_CTRL, 0x44); // FIFO reset, on
      sb = on ? 12 : 6;
    },
    read: function (acc, gyr, k, max) {
      const c = bus.regRead(MPU_FIFO_COUNTH, 2);
      const count = (c[0] << 8) | c[1];
      if (count >= MPU_FIFO_BYTES) {
        // Overflowed: the stream lost its alignment, so start again clean.
        bus.regWrite(MPU_USER_CTRL, 0x44);
        return 0;
      }
      const all = (count / sb) | 0;
      let n = all;
      if (n > max) n = max;
      if (n * sb > MAX_READ_BYTES) n = (MAX_READ_BYTES / sb) | 0;
      this.left = all - n;
      if (!n) return 0;
      const raw = bus.regRead(MPU_FIFO_R_W, n * sb);
      // Big-endian words decoded in one native call (DataView.getInt16 sample by sample cost
      // the interpreter ~190,000 instructions a sample). The accelerometer alone (the gyro
      // resting) goes straight into acc; with the gyro, split word by word after decoding.
      if (sb === 6) {
        bus.words(raw, acc.subarray(3 * k, 3 * (k + n)), undefined, 16);
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
      bus.regWrite(MPU_FIFO_EN, 0x00);
      bus.regWrite(MPU_USER_CTRL, 0x04); // FIFO reset, and off
      // Product spec 8.1: in CYCLE the motion interrupt still runs. Its pulse on the INT line
      // (INT_PIN_CFG as at power-on: active high, 50 us) wakes a board that wires it
      // (hardware/README.md) without a peek.
      bus.regWrite(MPU_MOT_THR, MPU_WAKE_THR);
      bus.regWrite(MPU_MOT_DUR, 1);
      bus.regWrite(MPU_INT_ENABLE, 0x40);
      bus.regWrite(MPU_PWR_MGMT_2, 0x47); // wake at 5 Hz, gyro x, y, z in standby
      bus.regWrite(MPU_PWR_MGMT_1, 0x28); // CYCLE, TEMP_DIS, internal 8 MHz oscillator
      // The filter holds the reading it has now: motion is measured from how the clip lay down.
      bus.regWrite(MPU_ACCEL_CONFIG, 0x0f);
    },
    peek: function (acc) {
      const r = bus.regRead(MPU_ACCEL_XOUT_H, 6);
      acc[0] = ((r[0] << 24) >> 16) | r[1];
      acc[1] = ((r[2] << 24) >> 16) | r[3];
      acc[2] = ((r[4] << 24) >> 16) | r[5];
    },
    close: function () {
      bus.regWrite(MPU_PWR_MGMT_1, 0x40); // sleep
    },
  };
}
