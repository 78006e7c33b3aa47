// Totals of a fuzz run: inputs tried, bytes, time, inputs per second. Printed after the
// suite; `npm run fuzz` also appends them to FUZZ_REPORT (JSON lines) for the README.
import { appendFileSync } from 'node:fs';

const rows: { target: string; inputs: number; bytes: number; ms: number }[] = [];

export function record(target: string, inputs: number, bytes: number, ms: number) {
  rows.push({ target, inputs, bytes, ms });
}

export function tally() {
  for (const r of rows) {
    const rate = r.ms > 0 ? `${Math.round((r.inputs / r.ms) * 1000)}/s` : '';
    console.log(`fuzz: ${r.target.padEnd(40)} ${String(r.inputs).padStart(8)} inputs ${r.bytes ? `${r.bytes} bytes ` : ''}${rate}`);
    if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, JSON.stringify({ ...r, scale: Number(process.env.FUZZ_SCALE ?? 1) }) + '\n');
  }
}
