// Runs the core over a recording held in typed arrays: the loop `posture replay` uses and
// the one the emitted device script runs, so both produce the same events in the same order.
import { Core, REST_BLOCKS } from './core';

export interface RecordingRunner {
  /**
   * Feeds n samples in blocks of core.n (the last block may be shorter). t holds each
   * sample's time (ms); acc and gyr are interleaved x,y,z. A recording may come in chunks
   * (Espruino cannot view past 64 KB into a buffer): every chunk but the last must hold a
   * multiple of core.n samples, so the blocks fall where they would in one piece. gyr null:
   * a recording without a gyro, run as the clip runs a block with its gyro resting.
   */
  feed(t: Float64Array, acc: Int16Array, gyr: Int16Array | null, n: number): void;
}

/**
 * Calibration opens before the first block that starts at or after calStart and lasts calMs;
 * calMs <= 0: none. before(t), when given, runs before each block that ends at t: the host's
 * replay applies its schedule of changes there, as the clip applies them between blocks.
 * rest: run as the clip does when nobody streams: while the core rests the gyro (core.gyro 0)
 * a block has no gyro and REST_BLOCKS times the samples. A recording streamed from a clip was made
 * without that (a streaming clip never rests its gyro), so its replay leaves it off; the bench
 * turns it on to measure what the resting clip costs.
 */
export function createRecordingRunner(core: Core, calStart: number, calMs: number, before?: (t: number) => void, rest?: boolean): RecordingRunner {
  let pending = calMs > 0 ? 1 : 0;
  function feed(t: Float64Array, acc: Int16Array, gyr: Int16Array | null, n: number) {
    // core.n is read per block: a change of rate_hz in a schedule changes the block size.
    for (let i = 0, m = 0, b = 0; i < n; i += m) {
      b = rest && !core.gyro ? REST_BLOCKS * core.n : core.n;
      m = i + b > n ? n - i : b;
      if (before) {
        before(t[i + m - 1]);
        b = rest && !core.gyro ? REST_BLOCKS * core.n : core.n;
        m = i + b > n ? n - i : b;
      }
      if (pending && t[i] >= calStart) {
        pending = 0;
        core.calibrate(t[i], calMs);
      }
      core.block(t[i + m - 1], acc.subarray(3 * i, 3 * (i + m)), gyr && b === core.n ? gyr.subarray(3 * i, 3 * (i + m)) : null, m);
    }
  }
  return { feed: feed };
}
