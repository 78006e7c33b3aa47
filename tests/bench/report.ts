// Issue 6's targets: the report against merely reading and splitting its input (8 h of raw
// samples at 25 Hz plus 30 days of minutes, measured in the same run), and the export's peak
// memory at 1x and 10x the data (each in a fresh process).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportCommand } from '../../host/commands/report/index';
import { repoRoot } from '../../host/paths';
import { formatSampleRow, SAMPLES_HEADER_GYRO } from '../../host/replay/samples-csv';
import { writeSyntheticArchive } from '../../host/sim/synthetic-archive';
import { splitRecords } from '../../host/log/records';

const ID = 'be7c4a11';

/** A recording of n samples at 25 Hz: upright sway with a slow forward lean every few minutes. */
function writeRecording(file: string, n: number) {
  const fd = openSync(file, 'w');
  let buf = `# start: 2026-11-02T09:00:00.000Z\n${SAMPLES_HEADER_GYRO}\n`;
  for (let i = 0; i < n; i++) {
    const lean = (Math.max(0, Math.sin(i / 4000)) * 25 * Math.PI) / 180;
    const sway = Math.sin(i / 37) * 0.01;
    buf += formatSampleRow(i * 40, Math.cos(lean) + sway, sway, Math.sin(lean) - sway, sway * 100, -sway * 50, sway * 20) + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

function archive(dir: string, days: number, samples: number) {
  writeSyntheticArchive(dir, { id: ID, days, start: Date.UTC(2026, 10, 2) });
  mkdirSync(join(dir, ID, 'samples'), { recursive: true });
  writeRecording(join(dir, ID, 'samples', 'day.csv'), samples);
}

export async function reportBench(): Promise<{ readMs: number; reportMs: number; ratio: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'posture-bench-report-'));
  try {
    const rows = 8 * 3600 * 25;
    archive(join(dir, 'a'), 30, rows);
    const best = async (fn: () => Promise<void> | void) => {
      let min = Infinity;
      for (let i = 0; i < 3; i++) {
        const t = process.hrtime.bigint();
        await fn();
        min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
      }
      return min;
    };
    // The floor: read both files, split the CSV into lines and cells, the log into records.
    const readMs = await best(() => {
      let cells = 0;
      for (const line of readFileSync(join(dir, 'a', ID, 'samples', 'day.csv'), 'utf8').split('\n')) cells += line.split(',').length;
      cells += splitRecords(new Uint8Array(readFileSync(join(dir, 'a', ID, 'records.bin')))).length;
      if (!cells) throw new Error('nothing read');
    });
    const reportMs = await best(async () => {
      await reportCommand({ cwd: dir, archive: 'a', out: 'r.html', utcOffsetMin: 0 });
    });
    return { readMs, reportMs, ratio: reportMs / readMs, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Peak RSS (MB) of `posture export` in a fresh process, per level, at 1x and 10x the data.
 * V8 grows its young generation with the allocation rate, up to a fixed bound whatever the
 * data size; a 1x run is too short to reach it, so the children pin it (1 MB semi-spaces) and
 * the figure shows the memory that depends on the data. As a second check the 10x export
 * also runs under a 40 MB heap cap, which it could not finish if it held the data.
 */
export function exportMemoryBench(): { level: string; rss1: number; rss10: number; growth: number; capped: boolean }[] {
  const dir = mkdtempSync(join(tmpdir(), 'posture-bench-export-'));
  try {
    archive(join(dir, 'x1'), 3, 72_000);
    archive(join(dir, 'x10'), 30, 720_000);
    const child = (flags: string[], arch: string, level: string) =>
      spawnSync(process.execPath, [...flags, '--import', 'tsx', join(repoRoot, 'tests', 'bench', 'export-child.ts'), join(dir, arch), level, join(dir, `${arch}-${level}.csv`)], { cwd: repoRoot, encoding: 'utf8' });
    const rss = (arch: string, level: string) => {
      const r = child(['--max-semi-space-size=1'], arch, level);
      if (r.status !== 0) throw new Error(`export child failed: ${r.stderr}`);
      return Number(r.stdout.trim()) / 1024;
    };
    return ['samples', 'minutes'].map((level) => {
      const rss1 = rss('x1', level), rss10 = rss('x10', level);
      const capped = child(['--max-old-space-size=40'], 'x10', level).status === 0;
      return { level, rss1, rss10, growth: rss10 / rss1 - 1, capped };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
