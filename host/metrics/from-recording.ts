// The inclination series of a recording: the shared core run over it, the upper-back flexion
// read once per 0.4 s block while the clip is worn (NaN while off or uncalibrated).
import { Config } from '../../shared/config';
import { createCore } from '../../shared/core';
import { BLOCK_MS, OUT_FLEX } from '../../shared/estimator';
import { ST_OFF, ST_UNCAL } from '../../shared/events';
import { createRecordingRunner } from '../../shared/recording';
import { Recording } from '../replay/samples-csv';
import { CalibrationWindow } from '../replay/replay';
import { eva, EvaBin, isoBands, IsoBands, percentiles, timeAbove } from './inclination';

export interface InclinationReport {
  blockMs: number;
  countedMin: number;
  p10: number;
  p50: number;
  p90: number;
  bands: IsoBands;
  above: { angle: number; pct: number }[];
  eva: { angle: number; bins: EvaBin[] };
}

export function inclinationSeries(rec: Recording, config: Config, cal: CalibrationWindow): number[] {
  const core = createCore(config, rec.gyroPerDps, () => undefined);
  const series: number[] = [];
  const block = core.block;
  core.block = (t, acc, gyr, n) => {
    const s = block(t, acc, gyr, n);
    if (s === ST_OFF || s === ST_UNCAL) series.push(NaN);
    else {
      core.est.angles();
      series.push(core.est.out[OUT_FLEX] / 10);
    }
    return s;
  };
  createRecordingRunner(core, cal.start, cal.ms).feed(rec.t, rec.acc, rec.hasGyro ? rec.gyr : null, rec.n);
  return series;
}

export function inclinationReport(series: number[], evaAngle = 20): InclinationReport {
  const [p10, p50, p90] = percentiles(series, [10, 50, 90]);
  const angles = [20, 30, 45, 60];
  const pcts = timeAbove(series, angles);
  return {
    blockMs: BLOCK_MS,
    countedMin: (series.filter((x) => Number.isFinite(x)).length * BLOCK_MS) / 60000,
    p10, p50, p90,
    bands: isoBands(series),
    above: angles.map((angle, i) => ({ angle, pct: pcts[i] })),
    eva: { angle: evaAngle, bins: eva(series, BLOCK_MS, evaAngle) },
  };
}
