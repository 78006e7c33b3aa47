// Link benchmarks over a real pty against the virtual device: command round trip, a 50 Hz
// stream for 10 virtual minutes (lost or reordered samples), and pulling a full log ring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceLink } from '../../host/link/device-link';
import { pullFrom } from '../../host/link/pull';
import { attachDevice, haveSocat, startPty } from '../../host/sim/pty';
import { createVirtualDevice } from '../../host/sim/virtual-device';

export interface LinkFigures {
  rttMedianMs: number;
  rttP99Ms: number;
  streamSamples: number;
  streamExpected: number;
  streamLostOrReordered: number;
  pullRecords: number;
  pullMs: number;
  hourRecords: number;
  hourMs: number;
  deviceMsPerPull: number;
}

export async function linkBench(): Promise<LinkFigures | null> {
  if (!haveSocat()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'posture-bench-'));
  const pty = await startPty(join(dir, 'h'), join(dir, 'd'));
  const dev = createVirtualDevice({ speed: 0, start: 1000 });
  const port = await attachDevice(dev, pty.devicePath);
  const link = await DeviceLink.open({ path: pty.hostPath });
  try {
    const rtt: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = process.hrtime.bigint();
      await link.request('get', {});
      rtt.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    rtt.sort((a, b) => a - b);

    await link.request('set', { v: { rate_hz: 50 } });
    await link.request('calibrate', {});
    dev.advance(5000);
    const ts: number[] = [];
    link.on('raw', (m: { t: number }) => ts.push(m.t));
    await link.request('stream', { hz: 50 });
    for (let t = 0; t < 600_000; t += 1000) {
      dev.advance(1000);
      await new Promise((r) => setImmediate(r));
    }
    await link.request('stream', { hz: 0 });
    await new Promise((r) => setTimeout(r, 200));
    let bad = 0;
    // Timestamps come from the block's clock reading, so spacing jitters; order must not.
    for (let i = 1; i < ts.length; i++) if (ts[i] <= ts[i - 1]) bad++;

    // 7.5 days worn round the clock: the minute ring overflows (its newest day or two stay), the
    // hourly ring gets 180 of its 192 records (22.5 days of 8-hour wear).
    for (let t = 0; t < 7.5 * 24 * 3_600_000; t += 60_000) dev.advance(60_000);
    let deviceMs = 0;
    const t0 = Date.now();
    let calls = 0;
    const p = await pullFrom(link, 0, () => {
      calls++;
    });
    const pullMs = Date.now() - t0;
    deviceMs = pullMs / Math.max(1, calls);
    const hrs = (await link.request('logstat', {})).hrs as { firstSeq: number };
    const t1 = Date.now();
    const h = await pullFrom(link, hrs.firstSeq, () => {}, undefined, true);
    const hourMs = Date.now() - t1;
    return {
      rttMedianMs: rtt[rtt.length >> 1],
      rttP99Ms: rtt[Math.floor(rtt.length * 0.99)],
      streamSamples: ts.length,
      streamExpected: 600 * 50,
      streamLostOrReordered: bad + Math.abs(600 * 50 - ts.length),
      pullRecords: p.records,
      pullMs,
      hourRecords: h.records,
      hourMs,
      deviceMsPerPull: deviceMs,
    };
  } finally {
    await link.close();
    dev.stop();
    if (port.isOpen) await new Promise((r) => port.close(r));
    await pty.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
