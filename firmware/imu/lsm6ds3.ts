// ST LSM6DS3TR-C (built into Puck.js v2 at 0x6A). Registers from the LSM6DS3TR-C datasheet
// (DocID030071). Run at +-4 g (0.122 mg/LSB: 8197 counts/g, 0.06 % from the core's 8192)
// and 250 deg/s (8.75 mdps/LSB: 114 counts per deg/s); samples through the FIFO in
// continuous mode, 12 bytes a sample (gyro x,y,z then accel x,y,z, little-endian).
import { Bus, Imu, MAX_READ_BYTES } from './types';
import { splitWords } from './split';

export const LSM_FIFO_CTRL3 = 0x08;
export const LSM_FIFO_CTRL5 = 0x0a;
export const LSM_INT1_CTRL = 0x0d;
export const LSM_WHO_AM_I = 0x0f;
export const LSM_CTRL1_XL = 0x10;
export const LSM_CTRL2_G = 0x11;
export const LSM_CTRL3_C = 0x12;
export const LSM_CTRL6_C = 0x15; // bit 4 XL_HM_MODE: 1 = accelerometer high-performance off (low-power at ODR <= 52 Hz)
export const LSM_OUTX_L_XL = 0x28;
export const LSM_FIFO_STATUS1 = 0x3a;
export const LSM_FIFO_DATA_OUT_L = 0x3e;
export const LSM_ID = 0x6a;
// Bytes per FIFO sample: 12 with the gyro (gyro x,y,z then accel x,y,z), 6 without.

/** Output data rate code: 12.5 Hz = 1, 26 Hz = 2, 52 Hz = 3 (the nearest to 12.5, 25, 50). */
export function lsmOdr(rateHz: number): number {
  return rateHz <= 13 ? 1 : rateHz <= 26 ? 2 : 3;
}

export function createLsm6ds3(bus: Bus): Imu {
  let odr = 2, sb = 12;
  return {
    name: 'LSM6DS3TR-C',
    gyroPerDps: 114,
    left: 0,
    configure: function (rateHz) {
      const id = bus.regRead(LSM_WHO_AM_I, 1)[0];
      if (id !== LSM_ID) throw new Error('LSM6DS3TR-C WHO_AM_I ' + id + ', expected ' + LSM_ID);
      odr = lsmOdr(rateHz);
      // No data-ready interrupt: Puck.accelOn routes one to INT1, and Espruino then reads the
      // sensor and makes an "accel" event object on every sample, waking the MCU 26 times a
      // second for data the FIFO already holds (libs/puckjs/jswrap_puck.c).
      bus.regWrite(LSM_INT1_CTRL, 0x00);
      bus.regWrite(LSM_CTRL3_C, 0x44); // block data update, register auto-increment
      bus.regWrite(LSM_CTRL6_C, 0x00); // accelerometer high-performance (rest() turned it off)
      bus.regWrite(LSM_CTRL1_XL, (odr << 4) | 0x08); // accel rate, +-4 g
      bus.regWrite(LSM_CTRL2_G, odr << 4); // gyro rate, 250 deg/s
      bus.regWrite(LSM_FIFO_CTRL5, 0x00); // bypass: clears the FIFO
      bus.regWrite(LSM_FIFO_CTRL3, 0x09); // gyro and accel into the FIFO, no decimation
      bus.regWrite(LSM_FIFO_CTRL5, (odr << 3) | 0x06); // FIFO rate = sensor rate, continuous mode
      sb = 12;
    },
    gyro: function (on) {
      // Datasheet table 4 and section 9.13 (FIFO_CTRL3): the gyro powered down (CTRL2_G = 0)
      // and out of the FIFO, which restarts with three words a sample instead of six.
      bus.regWrite(LSM_FIFO_CTRL5, 0x00);
      bus.regWrite(LSM_CTRL2_G, on ? odr << 4 : 0);
      bus.regWrite(LSM_FIFO_CTRL3, on ? 0x09 : 0x01);
      bus.regWrite(LSM_FIFO_CTRL5, (odr << 3) | 0x06);
      sb = on ? 12 : 6;
    },
    read: function (acc, gyr, k, max) {
      const s = bus.regRead(LSM_FIFO_STATUS1, 2);
      if (s[1] & 0x40) {
        // Overrun: restart the FIFO so samples stay aligned.
        bus.regWrite(LSM_FIFO_CTRL5, 0x00);
        bus.regWrite(LSM_FIFO_CTRL5, (odr << 3) | 0x06);
        return 0;
      }
      const words = ((s[1] & 0x07) << 8) | s[0];
      const all = ((2 * words) / sb) | 0;
      let n = all;
      if (n > max) n = max;
      if (n * sb > MAX_READ_BYTES) n = (MAX_READ_BYTES / sb) | 0;
      this.left = all - n;
      if (!n) return 0;
      const raw = bus.regRead(LSM_FIFO_DATA_OUT_L, n * sb);
      // Little-endian words decoded in one native call (as the MPU-6050 driver does): the
      // accelerometer alone straight into acc; with the gyro (its words first), split after.
      if (sb === 6) {
        bus.words(raw, acc.subarray(3 * k, 3 * (k + n)), undefined, -16);
        return n;
      }
      // Decoded in place (each word is written where its two bytes were read), then split.
      const w = new Int16Array(raw.buffer, raw.byteOffset, 6 * n);
      bus.words(raw, w, undefined, -16);
      splitWords(w, gyr, acc, k, n);
      return n;
    },
    rest: function () {
      // Datasheet section 6.2 and table 9: accelerometer alone in low-power mode at 12.5 Hz, the
      // gyro powered down, the FIFO in bypass (off).
      bus.regWrite(LSM_FIFO_CTRL5, 0x00);
      bus.regWrite(LSM_CTRL2_G, 0x00);
      bus.regWrite(LSM_CTRL6_C, 0x10);
      bus.regWrite(LSM_CTRL1_XL, 0x18); // 12.5 Hz, +-4 g
    },
    peek: function (acc) {
      const r = bus.regRead(LSM_OUTX_L_XL, 6);
      acc[0] = ((r[1] << 24) >> 16) | r[0];
      acc[1] = ((r[3] << 24) >> 16) | r[2];
      acc[2] = ((r[5] << 24) >> 16) | r[4];
    },
    close: function () {
      bus.regWrite(LSM_CTRL1_XL, 0x00); // power down
      bus.regWrite(LSM_CTRL2_G, 0x00);
    },
  };
}
