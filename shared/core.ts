// The posture core: estimator + calibration + detector behind one step(). The firmware
// and `posture replay` both run exactly this, so a recording replays bit-identically.
import { Config } from './config';
import { createDetector, Detector } from './detector';
import {
  CALIB_FLAT, CALIB_GRAVITY, CALIB_MOVING, CALIB_NO_DATA, Emit, EV_CALIBRATED, EV_CALIB_REFUSED,
} from './events';
import { createEstimator, Estimator, ONE_G, OUT_ACC_MOT, OUT_FLAT, OUT_GYRO_MOT, OUT_SAG0 } from './estimator';

export interface Core {
  step(t: number, ax: number, ay: number, az: number, gx: number, gy: number, gz: number): number;
  /** Starts an upright calibration window of ms from t; the result is an event. */
  calibrate(t: number, ms: number): void;
  /** Restores a stored reference (Q13 mean gravity); 0,0,0 clears it. */
  setReference(rx: number, ry: number, rz: number): void;
  /** The reference in force: [rx, ry, rz] (Q13), zeros when uncalibrated. */
  ref: Int32Array;
  /** 1 while a calibration window is open. */
  calibrating(): number;
  configure(c: Config): void;
  est: Estimator;
  det: Detector;
}

export function createCore(c: Config, gyroPerDps: number, emit: Emit): Core {
  const est = createEstimator(c.rate_hz, gyroPerDps);
  const ref = new Int32Array(3);
  let det = createDetector(c, emit);
  let cfg = c;
  // Calibration window accumulators.
  let calEnd = -1, n = 0, sx = 0, sy = 0, sz = 0, maxMot = 0, maxRot = 0, flat = 0;

  function calibrate(t: number, ms: number) {
    calEnd = t + ms;
    n = sx = sy = sz = maxMot = maxRot = flat = 0;
  }

  function finish(t: number) {
    calEnd = -1;
    let why = 0;
    if (!n) why = CALIB_NO_DATA;
    else if (maxMot > cfg.move_mg || maxRot > cfg.move_dps * 10) why = CALIB_MOVING;
    else if (flat * 2 > n) why = CALIB_FLAT;
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
    setReference(rx, ry, rz);
    det.reset(t);
    emit(EV_CALIBRATED, t, est.out[OUT_SAG0], n);
  }

  function setReference(rx: number, ry: number, rz: number) {
    ref[0] = rx;
    ref[1] = ry;
    ref[2] = rz;
    if (rx === 0 && ry === 0 && rz === 0) est.clearReference();
    else est.setReference(rx, ry, rz);
  }

  function step(t: number, ax: number, ay: number, az: number, gx: number, gy: number, gz: number): number {
    est.step(ax, ay, az, gx, gy, gz);
    if (calEnd >= 0) {
      const o = est.out;
      n++;
      sx += ax;
      sy += ay;
      sz += az;
      if (o[OUT_ACC_MOT] > maxMot) maxMot = o[OUT_ACC_MOT];
      if (o[OUT_GYRO_MOT] > maxRot) maxRot = o[OUT_GYRO_MOT];
      flat += o[OUT_FLAT];
      if (t >= calEnd) finish(t);
    }
    return det.step(t, est.out);
  }

  function configure(nc: Config) {
    cfg = nc;
    det = createDetector(nc, emit);
    core.det = det;
  }

  const core: Core = {
    step: step,
    calibrate: calibrate,
    setReference: setReference,
    ref: ref,
    calibrating: function () {
      return calEnd >= 0 ? 1 : 0;
    },
    configure: configure,
    est: est,
    det: det,
  };
  return core;
}

export { ONE_G };
