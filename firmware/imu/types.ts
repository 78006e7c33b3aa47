// What the app needs from an IMU driver (after Moddable/ECMA-419: handed its bus,
// configure / read / close, no allocation per read).
export interface Imu {
  readonly name: string;
  readonly gyroPerDps: number;
  /** Checks WHO_AM_I and sets range, rate, low-pass and the FIFO. Throws with a reason. */
  configure(rateHz: number): void;
  /**
   * Moves up to max samples from the IMU's FIFO into acc/gyr (interleaved x,y,z, Q13 g and
   * gyro counts) starting at sample index k. Returns how many. Throws on a bus error.
   */
  read(acc: Int16Array, gyr: Int16Array, k: number, max: number): number;
  /** Whole samples the last read() saw in the FIFO and left there. */
  left: number;
  /**
   * Worn and still: the gyro off (on = 0) or back on (1), the FIFO restarted with it. While it
   * is off read() leaves gyr alone (the app passes the core no gyro then).
   */
  gyro(on: number): void;
  /**
   * Off the body: accelerometer only, at a few Hz in the chip's low-power mode, gyro and FIFO
   * off, until configure() brings it back. The MCU then only peeks now and then.
   */
  rest(): void;
  /** The latest accelerometer reading (counts), into acc[0..2]: for a resting IMU. */
  peek(acc: Int16Array): void;
  /** Puts the IMU to sleep. */
  close(): void;
}

/**
 * Bytes per read at most (the caller reads again for more): a 0.4 s block at 50 Hz with the
 * gyro; a 1.6 s block of the accelerometer alone at 25 Hz.
 */
export const MAX_READ_BYTES = 240;

/** The bus the drivers are handed: the Hal's I2C functions bound to one address. */
export interface Bus {
  // Not read/write: names of the firmware's own that the device build can shorten.
  regWrite(reg: number, value: number): void;
  regRead(reg: number, n: number): Uint8Array;
  /** The Hal's words(): the 16-bit words of a burst decoded natively (firmware/hal/types.ts). */
  words(bytes: Uint8Array, out: Int16Array, map: undefined, bits: number): void;
}
