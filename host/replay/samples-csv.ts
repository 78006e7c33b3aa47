// Reads the samples CSV (README "Samples CSV"): a header, then t_ms,ax_g,ay_g,az_g with
// optional gx_dps,gy_dps,gz_dps; '#' lines are comments, '# key: value' lines metadata.
// Converts to the core's integer units once, so replay and the device see the same ints.
import { ONE_G } from '../../shared/estimator';
import { InputError } from '../cli/errors';

export const DEFAULT_GYRO_PER_DPS = 131; // MPU6050 at +-250 deg/s
const HEADER4 = ['t_ms', 'ax_g', 'ay_g', 'az_g'];
const HEADER7 = HEADER4.concat(['gx_dps', 'gy_dps', 'gz_dps']);
const INT16_MAX = 32767;

export interface Recording {
  t: Float64Array;
  /** Interleaved x,y,z in Q13 g. */
  acc: Int16Array;
  /** Interleaved x,y,z in gyro counts (zeros without gyro columns). */
  gyr: Int16Array;
  n: number;
  hasGyro: boolean;
  gyroPerDps: number;
  meta: Record<string, string>;
  /** Values beyond the sensor's range, clamped like the sensor would (counted, not hidden). */
  clamped: number;
}

function toCount(v: number, scale: number): [number, boolean] {
  let c = Math.round(v * scale);
  if (c > INT16_MAX) return [INT16_MAX, true];
  if (c < -INT16_MAX) return [-INT16_MAX, true];
  return [c, false];
}

export interface SamplesLineParser {
  meta: Record<string, string>;
  /**
   * One line (li from 0): null for blank, comment, metadata and header lines, else
   * [t_ms, ax, ay, az, gx, gy, gz] (gyro 0 when absent), in one array reused for every line.
   */
  line(raw: string, li: number): number[] | null;
  hasGyro(): boolean;
  gyroPerDps(): number;
  /** Throws the documented error when the input ended without a header or samples. */
  finish(samples: number): void;
}

/**
 * The samples CSV, a line at a time: the whole-file reader below and the streaming export
 * share it, so both accept and refuse exactly the same input.
 */
export function createSamplesLineParser(source = 'input'): SamplesLineParser {
  const meta: Record<string, string> = {};
  let header: string[] | null = null;
  let cols = 0;
  let gyroPerDps = DEFAULT_GYRO_PER_DPS;
  let lastT = -1;
  const row = [0, 0, 0, 0, 0, 0, 0]; // reused: callers copy what they keep
  const where = (li: number) => `${source} line ${li + 1}`;
  return {
    meta,
    hasGyro: () => cols === 7,
    gyroPerDps: () => gyroPerDps,
    line(raw, li) {
      const line = raw.trim();
      if (line === '') return null;
      if (line.startsWith('#')) {
        const m = /^#\s*([A-Za-z_][\w.-]*)\s*[:=]\s*(.*)$/.exec(line);
        if (m) meta[m[1]] = m[2].trim();
        return null;
      }
      if (!header) {
        header = line.split(',').map((x) => x.trim());
        const ok4 = header.length === 4 && header.every((h, i) => h === HEADER4[i]);
        const ok7 = header.length === 7 && header.every((h, i) => h === HEADER7[i]);
        if (!ok4 && !ok7) {
          throw new InputError(`${where(li)}: header must be "${HEADER4.join(',')}" or "${HEADER7.join(',')}", got "${line.slice(0, 80)}"`);
        }
        cols = header.length;
        if (meta.gyro_counts_per_dps !== undefined) {
          const g = Number(meta.gyro_counts_per_dps);
          if (!(g >= 1 && g <= 1000)) throw new InputError(`${source}: metadata gyro_counts_per_dps must be 1..1000, got "${meta.gyro_counts_per_dps}"`);
          gyroPerDps = g;
        }
        return null;
      }
      const cells = line.split(',');
      if (cells.length !== cols) {
        throw new InputError(`${where(li)}: expected ${cols} columns (${header.join(',')}), got ${cells.length}`);
      }
      const v = row;
      for (let c = 0; c < cols; c++) {
        const x = cells[c];
        // Number() ignores surrounding blanks but reads a blank cell as 0: only then look closer.
        const num = Number(x);
        if (!Number.isFinite(num) || (num === 0 && x.trim() === '')) throw new InputError(`${where(li)}: ${header[c]} is not a number: "${x.trim().slice(0, 40)}"`);
        v[c] = num;
      }
      v[0] = Math.round(v[0]);
      if (v[0] < 0) throw new InputError(`${where(li)}: t_ms must not be negative, got ${cells[0].trim()}`);
      if (v[0] < lastT) throw new InputError(`${where(li)}: time goes backwards (t_ms ${cells[0].trim()} after ${lastT})`);
      lastT = v[0];
      return v;
    },
    finish(samples) {
      if (!header) throw new InputError(`${source}: empty file: expected a header "${HEADER4.join(',')}" and samples`);
      if (samples === 0) throw new InputError(`${source}: no samples after the header`);
    },
  };
}

export function parseSamplesCsv(text: string, source = 'input'): Recording {
  const lines = text.split(/\r?\n/);
  const p = createSamplesLineParser(source);
  let cap = 1024;
  let t = new Float64Array(cap);
  let acc = new Int16Array(cap * 3);
  let gyr = new Int16Array(cap * 3);
  let n = 0;
  let clamped = 0;
  for (let li = 0; li < lines.length; li++) {
    const v = p.line(lines[li], li);
    if (!v) continue;
    if (n === cap) {
      cap *= 2;
      const nt = new Float64Array(cap);
      nt.set(t);
      t = nt;
      const na = new Int16Array(cap * 3);
      na.set(acc);
      acc = na;
      const ng = new Int16Array(cap * 3);
      ng.set(gyr);
      gyr = ng;
    }
    t[n] = v[0];
    const j = n * 3;
    for (let c = 1; c < 7; c++) {
      const [cnt, clip] = toCount(v[c], c < 4 ? ONE_G : p.gyroPerDps());
      if (c < 4) acc[j + c - 1] = cnt;
      else gyr[j + c - 4] = cnt;
      if (clip) clamped++;
    }
    n++;
  }
  p.finish(n);
  return { t: t.slice(0, n), acc: acc.slice(0, n * 3), gyr: gyr.slice(0, n * 3), n, hasGyro: p.hasGyro(), gyroPerDps: p.gyroPerDps(), meta: p.meta, clamped };
}

/** Nominal sample rate from the median interval of the first samples (Hz). */
export function estimateRate(rec: Recording): number {
  const k = Math.min(rec.n - 1, 200);
  if (k < 1) return 25;
  const dts: number[] = [];
  for (let i = 1; i <= k; i++) dts.push(rec.t[i] - rec.t[i - 1]);
  dts.sort((a, b) => a - b);
  const med = dts[k >> 1];
  return med > 0 ? 1000 / med : 25;
}

/** Writes samples back as CSV in the same format (used by scenarios and `stream --csv`). */
export function formatSampleRow(t: number, ax: number, ay: number, az: number, gx?: number, gy?: number, gz?: number): string {
  const f = (x: number) => String(Math.round(x * 1e6) / 1e6);
  const base = `${t},${f(ax)},${f(ay)},${f(az)}`;
  return gx === undefined ? base : `${base},${f(gx)},${f(gy!)},${f(gz!)}`;
}

export const SAMPLES_HEADER_GYRO = HEADER7.join(',');
export const SAMPLES_HEADER = HEADER4.join(',');
