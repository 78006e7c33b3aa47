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
  /**
   * Worn and still: the gyro off (on = 0) or back on (1), the FIFO restarted with it. While it
   * is off read() fills gyr with zeros, which the estimator reads as no rotation.
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

/** Samples per read at most: a block at 50 Hz (the caller reads again for more). */
export const MAX_READ = 20;

/** The bus the drivers are handed: the Hal's I2C functions bound to one address. */
export interface Bus {
  write(reg: number, value: number): void;
  read(reg: number, n: number): Uint8Array;
  /** The Hal's words(): the 16-bit words of a burst decoded natively (firmware/hal/types.ts). */
  words(bytes: Uint8Array, out: Int16Array, map: undefined, bits: number): void;
}
