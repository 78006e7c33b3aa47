// The console's figures: live latency from a raw sample leaving the virtual clip to the page
// receiving it, time from start to an interactive page, and memory over a long live session.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startConsole } from '../../host/console/server';
import { configSet } from '../../host/commands/config/index';
import { POSTURE } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';

const pct = (v: number[], p: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Spawn to a page whose clip list is filled, over several starts; the median in ms. */
export async function consoleStartBench(runs = 3): Promise<number> {
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = Date.now();
      const p = spawn(process.execPath, [POSTURE, 'console', '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        let out = '';
        p.stdout!.on('data', (d) => (out += d));
        while (!/token=\S+/.test(out)) await new Promise((r) => setTimeout(r, 5));
        const page = await browser.newPage();
        await page.goto(/http\S+/.exec(out)![0]);
        await page.waitForSelector('#port option', { state: 'attached' });
        times.push(Date.now() - t0);
        await page.close();
      } finally {
        // Stopped however the run went: a failed measurement leaves no console behind.
        await new Promise((r) => {
          if (p.exitCode !== null) return r(null);
          p.once('exit', r);
          p.kill('SIGINT');
        });
      }
    }
  } finally {
    await browser.close();
  }
  return pct(times, 50);
}

/**
 * A virtual clip streaming raw samples at 50 Hz to a page for wallS seconds:
 * latency per sample (virtual clip's write to the page's receipt, one clock), and the
 * console's heap after GC every 10 s.
 */
export async function consoleLiveBench(wallS: number) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = mkdtempSync(join(tmpdir(), 'posture-bench-console-'));
  const server = await startConsole({ cwd: dir, archive: join(dir, 'clinic') });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    await server.session.connect('virtual');
    // Latency from the first 2 minutes only: a map of every sample of a long session would be
    // the bench's own heap growth, not the console's.
    const sent = new Map<number, number>();
    const tLat = Date.now() + 120_000;
    server.session.device!.onOutput((s) => {
      const now = Date.now();
      if (now > tLat) return;
      for (const m of s.matchAll(/"x":\[(\d+)/g)) sent.set(Number(m[1]), now);
    });
    // The page keeps each raw sample's arrival time by its clip time.
    await page.evaluate(() => {
      const w = globalThis as unknown as { got: [number, number][]; EventSource: new (u: string) => { onmessage: (e: { data: string }) => void } };
      w.got = [];
      const es = new w.EventSource('/api/live');
      const until = Date.now() + 125_000;
      es.onmessage = (e) => {
        const m = JSON.parse(e.data) as { kind: string; t: number };
        if (m.kind === 'raw' && Date.now() < until) w.got.push([m.t, Date.now()]);
      };
    });
    await configSet({ assignments: ['rate_hz=50'] }); // raw samples come at the IMU's rate
    await server.session.stream(50);
    const heap: number[] = [];
    for (let s = 0; s < wallS; s += 10) {
      await new Promise((r) => setTimeout(r, 10_000));
      gc();
      heap.push(process.memoryUsage().heapUsed / 1e6);
    }
    await server.session.stream(0);
    const got = await page.evaluate(() => (globalThis as unknown as { got: [number, number][] }).got);
    const lat = got.filter(([t]) => sent.has(t)).map(([t, at]) => at - sent.get(t)!);
    const firstHalf = heap.slice(1, 1 + Math.floor((heap.length - 1) / 2));
    const secondHalf = heap.slice(1 + Math.floor((heap.length - 1) / 2));
    const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
    return {
      samples: lat.length,
      medianMs: pct(lat, 50),
      p99Ms: pct(lat, 99),
      heapStartMb: heap[1] ?? heap[0],
      heapEndMb: heap[heap.length - 1],
      /** Second half's mean heap over the first half's, after GC: about 1 with no growth. */
      growth: avg(secondHalf) / avg(firstHalf),
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
