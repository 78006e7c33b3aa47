// The posture core: estimator + calibration + detector behind one block(). The firmware
// and `posture replay` both run exactly this, so a recording replays bit-identically.
import { Config } from './config';
import { sq } from './fixmath';
import { createDetector, Detector, INFO_BREAKS, INFO_QUIET } from './detector';
import { createExercises, Exercises, N_BREAKS, N_PHASE, N_SET, T_AT, T_LOCAL } from './exercise';
import {
  CALIB_FLAT, CALIB_GRAVITY, CALIB_MOVING, CALIB_NO_DATA, Emit, EV_CALIBRATED, EV_CALIB_REFUSED, END_CALIBRATED,
} from './events';
import { BLOCK_MS, blockSize, createEstimator, Estimator, ONE_G, OUT_ACC_VAR, OUT_AWAY, OUT_FLAT, OUT_GYRO_VAR, OUT_SAG0, STILL_VAR } from './estimator';

export interface Core {
  /** One block of n samples ending at t (ms): acc and gyr interleaved x,y,z. Returns the state. */
  block(t: number, acc: Int16Array, gyr: Int16Array | null, n: number): number;
  /** Samples per block for the configured rate. */
  n: number;
  /** Opens an upright calibration window of ms from t; the result is an event. */
  calibrate(t: number, ms: number): void;
  /** Restores a stored reference (Q13 mean gravity); 0,0,0 clears it. */
  setReference(rx: number, ry: number, rz: number): void;
  /** The reference in force: [rx, ry, rz] (Q13), zeros when uncalibrated. */
  ref: Int32Array;
  /**
   * New settings from the next block on (logChanges() logs them). What the wearer is doing
   * carries over (detector.configure). A changed rate_hz changes the block size only (read
   * core.n again): the estimator works per 0.4 s block whatever the rate.
   */
  configure(c: Config): void;
  est: Estimator;
  det: Detector;
  /** The exercise counter, made when exercises are first prescribed (it costs the clip ~40 variables). */
  ex: Exercises | null;
  /**
   * Local time minus the clip's clock, ms (from the UTC offset the host sends when it sets the
   * clock); NaN while unknown. Exercise reminders at times of day count from it.
   */
  setLocal(offsetMs: number): void;
  /**
   * 0 when the gyro may rest: the wearer has sat still (upright or slouched, under 20 mg of
   * dynamic acceleration) for GYRO_REST_MS; 1 again from the first block that moves. The
   * clip switches its IMU to match; the estimator reads a block of gyro zeros as no rotation.
   */
  gyro: number;
}

export const GYRO_REST_MS = 5000;
/**
 * While the gyro rests a block holds this many blocks' samples (1.6 s): the estimator and
 * detector work per block, so the still hours cost a quarter of the work a second.
 */
export const REST_BLOCKS = 4;

export function createCore(c: Config, gyroPerDps: number, emit: Emit): Core {
  const est = createEstimator(gyroPerDps);
  const ref = new Int32Array(3);
  let cfg = c;
  // Calibration window accumulators.
  // Blocks left in a calibration window: counted, not timed, so a clock set cannot stretch it.
  let calLeft = 0, n = 0, sx = 0, sy = 0, sz = 0, maxMot = 0, maxRot = 0, flat = 0, blocks = 0;
  // Still blocks in a row, for the gyro's rest.
  let still = 0;
  let local = NaN;

  function calibrate(t: number, ms: number) {
    calLeft = Math.ceil(ms / BLOCK_MS);
    n = sx = sy = sz = maxMot = maxRot = flat = blocks = 0;
  }

  function finish(t: number) {
    calLeft = 0;
    let why = 0;
    if (!n) why = CALIB_NO_DATA;
    else if (maxMot > sq((cfg.move_mg * ONE_G) / 1000) || maxRot > sq(cfg.move_dps * gyroPerDps)) why = CALIB_MOVING;
    else if (flat * 2 > blocks) why = CALIB_FLAT;
    const rx = (sx / n) | 0, ry = (sy / n) | 0, rz = (sz / n) | 0;
    if (!why) {
      // |r| between 0.8 and 1.2 g, compared squared in (Q13 >> 4) to stay below 2^31.
      const m2 = (rx >> 4) * (rx >> 4) + (ry >> 4) * (ry >> 4) + (rz >> 4) * (rz >> 4);
      if (m2 < 167772 || m2 > 377487) why = CALIB_GRAVITY;
    }
    if (why) {
      emit(EV_CALIB_REFUSED, t, why, n);
      return;
    }
    core.det.end(t, END_CALIBRATED);
    setReference(rx, ry, rz);
    emit(EV_CALIBRATED, t, est.out[OUT_SAG0], n);
  }

  function setReference(rx: number, ry: number, rz: number) {
    ref[0] = rx;
    ref[1] = ry;
    ref[2] = rz;
    est.setReference(rx, ry, rz);
  }

  function block(t: number, acc: Int16Array, gyr: Int16Array | null, count: number): number {
    est.block(acc, gyr, count);
    if (calLeft > 0) {
      const o = est.out;
      const s = est.sums;
      n += count;
      blocks++;
      sx += s[0];
      sy += s[1];
      sz += s[2];
      if (o[OUT_ACC_VAR] > maxMot) maxMot = o[OUT_ACC_VAR];
      if (o[OUT_GYRO_VAR] > maxRot) maxRot = o[OUT_GYRO_VAR];
      flat += o[OUT_FLAT];
      if (--calLeft === 0) finish(t);
    }
    const s = core.det.step(t, est.out);
    // The exercise counter, only when it has something to do: the wearer away from upright, a
    // repetition or set under way, or a new break reminder (the usual block costs this one test).
    // INFO_QUIET: slouch alerts wait while a set runs.
    const x = core.ex, info = core.det.info;
    if (x && (est.out[OUT_AWAY] || x.n[N_PHASE] || x.n[N_SET] || info[INFO_BREAKS] !== x.n[N_BREAKS] || t >= x.tm[T_AT])) info[INFO_QUIET] = x.step(t, s, est.out, info, cfg);
    // The gyro rests only while sitting still (1 upright, 2 slouched), never in a calibration.
    if ((s === 1 || s === 2) && est.out[OUT_ACC_VAR] < STILL_VAR && !calLeft) {
      if (++still * BLOCK_MS >= GYRO_REST_MS) core.gyro = 0;
    } else {
      still = 0;
      core.gyro = 1;
    }
    return s;
  }

  function setLocal(ms: number) {
    local = ms;
    if (core.ex) {
      core.ex.tm[T_LOCAL] = ms;
      core.ex.tm[T_AT] = -1;
    }
  }

  function configure(nc: Config) {
    cfg = nc;
    // The exercises' away angle: half the smaller prescribed target, at least 3 deg; 0 when none.
    const e = nc.ex_extension_deg, s = nc.ex_side_deg;
    const m = e && s ? (e < s ? e : s) : e || s;
    est.setDecisions(nc.threshold_deg, nc.threshold_deg - nc.hysteresis_deg, nc.lying_deg, m ? (m >> 1 > 3 ? m >> 1 : 3) : 0);
    if (m && !core.ex) core.ex = createExercises(emit, est.angles);
    setLocal(local); // and the next reminder planned again, for the new times
    core.det.configure(nc);
    core.n = blockSize(nc.rate_hz);
  }

  const core: Core = {
    block: block,
    n: 0,
    calibrate: calibrate,
    setReference: setReference,
    ref: ref,
    configure: configure,
    est: est,
    det: createDetector(c, emit, est.angles, gyroPerDps),
    ex: null,
    setLocal: setLocal,
    gyro: 1,
  };
  configure(c);
  return core;
}
