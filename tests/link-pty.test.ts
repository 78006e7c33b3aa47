// End to end over a real pseudo-terminal (socat): the host link (@serialport/stream with
// @serialport/bindings-cpp) against the virtual device running the real firmware bundle.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPortStream } from '@serialport/stream';
import { attachDevice, haveSocat, PtyPair, startPty } from '../host/sim/pty';
import { createVirtualDevice, DEFAULT_BUNDLE, VirtualDevice } from '../host/sim/virtual-device';
import { DeviceLink } from '../host/link/device-link';
import { pullFrom } from '../host/link/pull';
import { decodeRecord } from '../host/log/records';
import { createLogRing } from '../firmware/log/ring';
import { FIELDS } from '../shared/config';
import { EV_CALIBRATED, ST_MOVING, ST_SLOUCH, ST_UPRIGHT } from '../shared/events';
import { frame } from '../shared/protocol';
import { Segment } from '../host/sim/scenario';

const dir = mkdtempSync(join(tmpdir(), 'posture-pty-'));
let pty: PtyPair;
let dev: VirtualDevice;
let devPort: SerialPortStream;
let link: DeviceLink;
const hostPath = join(dir, 'host');
const devicePath = join(dir, 'device');

const SCRIPT: Segment[] = [
  { activity: 'upright', seconds: 20 },
  { activity: 'slouch', seconds: 60, deg: 25 },
  { activity: 'upright', seconds: 20 },
  { activity: 'walk', seconds: 30 },
  { activity: 'upright', seconds: 30 },
];

const until = async (cond: () => boolean, ms = 5000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};
/** Advances virtual time in steps, letting the pty deliver what the device sent. */
const run = async (ms: number) => {
  for (let t = 0; t < ms; t += 2000) {
    dev.advance(Math.min(2000, ms - t));
    await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 30));
};

beforeAll(async () => {
  if (!haveSocat()) throw new Error('socat is missing: apt-get install socat (.ci/run installs it)');
  pty = await startPty(hostPath, devicePath);
  dev = createVirtualDevice({ scenario: SCRIPT, speed: 0, start: 5000 });
  devPort = await attachDevice(dev, devicePath);
  link = await DeviceLink.open({ path: hostPath });
});

afterAll(async () => {
  await link?.close();
  dev?.stop();
  if (devPort?.isOpen) await new Promise((r) => devPort.close(r));
  await pty?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('link over a pty to the virtual device', () => {
  it('says hello with the protocol version, board and IMU', () => {
    expect(link.hello).toMatchObject({ proto: 1, board: 'pico', imu: 'MPU6050', locked: 0, clockSet: 0 });
  });

  it('sets and reads back every config field', async () => {
    for (const f of FIELDS) {
      const v = f.name === 'rate_hz' ? 25 : f.name === 'hysteresis_deg' ? 4 : f.max;
      const r = await link.request('set', { v: { [f.name]: v } });
      expect((r.cfg as Record<string, number>)[f.name], f.name).toBe(v);
      const g = await link.request('get', {});
      expect((g.cfg as Record<string, number>)[f.name], f.name).toBe(v);
      await link.request('set', { v: { [f.name]: f.def } });
    }
    const g = await link.request('get', {});
    expect(Object.keys(g.cfg as object)).toEqual(FIELDS.map((f) => f.name));
  });

  it('refuses an out-of-range value, naming the field, and changes nothing', async () => {
    await expect(link.request('set', { v: { alert_delay_s: 0 } })).rejects.toMatchObject({ field: 'alert_delay_s', code: 4 });
    expect(((await link.request('get', {})).cfg as Record<string, number>).alert_delay_s).toBe(30);
  });

  it('calibrates, then streams samples whose states follow the motion script', async () => {
    const events: number[] = [];
    link.on('event', (e) => events.push(e.type));
    await link.request('calibrate', {});
    await run(5000);
    await until(() => events.includes(EV_CALIBRATED));
    const states: number[] = [];
    let raws = 0;
    const onS = (s: { state: number }) => states.push(s.state);
    const onX = () => raws++;
    link.on('sample', onS);
    link.on('raw', onX);
    await link.request('stream', { hz: 25 });
    await run(120_000); // 15 s upright, 60 s slouch, 20 s upright, 25 s walking (virtual)
    await until(() => states.length >= 300);
    await link.request('stream', { hz: 0 });
    link.off('sample', onS);
    link.off('raw', onX);
    expect(states).toHaveLength(300); // one per 0.4 s block
    expect(raws).toBe(3000); // every sample at 25 Hz
    const at = (s: number) => states[Math.floor(s / 0.4)];
    expect(at(8)).toBe(ST_UPRIGHT);
    expect(at(50)).toBe(ST_SLOUCH);
    expect(at(85)).toBe(ST_UPRIGHT);
    expect(states.slice(Math.floor(100 / 0.4), Math.floor(118 / 0.4))).toContain(ST_MOVING);
  });

  it('answers garbage from the host with errors and keeps working', async () => {
    const errs: unknown[] = [];
    link.on('device-error', (e) => errs.push(e));
    link.writeRaw('hello\n');
    link.writeRaw(Buffer.from([0xff, 0x00, 0x10, 0x0a]));
    link.writeRaw('{"i":5,"c":"get"}|00000000\n');
    link.writeRaw(frame('{"i":7,"c":"rm -rf"}').replace('}|', '} |'));
    link.writeRaw('x'.repeat(3000) + '\n');
    await until(() => errs.length >= 4);
    await expect(link.request('nope', {})).rejects.toThrow(/unknown command/);
    expect((await link.request('get', {})).cfg).toBeDefined();
  });

  it('skips garbage from the device and keeps working', async () => {
    const before = (link as unknown as { parser: { garbage: number } }).parser.garbage;
    devPort.write('\x00\xffnoise\r\n{"e":1}|deadbeef\n>\n');
    await new Promise((r) => setTimeout(r, 50));
    expect((link as unknown as { parser: { garbage: number } }).parser.garbage).toBeGreaterThanOrEqual(before + 2);
    expect((await link.request('get', {})).cfg).toBeDefined();
  });

  it('pulls the whole log, record for record what the device wrote, across an unplug', async () => {
    await link.request('clock', { ms: 1_790_000_000_000 });
    await run(40 * 60_000); // 40 minutes of the script (looping)
    const got: Uint8Array[] = [];
    let next = 0;
    let unplugged = false;
    try {
      await pullFrom(link, 0, async (recs, n) => {
        got.push(...recs);
        next = n;
        if (got.length > 40 && !unplugged) {
          unplugged = true;
          await pty.stop(); // pull the cable
        }
      });
    } catch (e) {
      expect((e as { disconnected?: boolean }).disconnected).toBe(true);
    }
    expect(unplugged).toBe(true);
    // Replug: socat again on the same names, the device end reattached; the link reconnects.
    const reconnected = new Promise((r) => link.once('reconnect', r));
    pty = await startPty(hostPath, devicePath);
    devPort = await attachDevice(dev, devicePath);
    await reconnected;
    await pullFrom(link, next, (recs, n) => {
      got.push(...recs);
      next = n;
    });
    // Compare with the device's own flash, record by record.
    const ring = createLogRing(dev.storage, { files: 8, fileSize: 4096 });
    const mine: Uint8Array[] = [];
    ring.each(0, (b, at, ok) => ok && mine.push(b.slice(at, at + b[at])));
    expect(got.length).toBe(mine.length);
    expect(got.length).toBeGreaterThan(40);
    got.forEach((r, i) => expect(Buffer.from(r).equals(Buffer.from(mine[i]))).toBe(true));
    const seqs = got.map((r) => decodeRecord(r).seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i)); // no gap, no duplicate
    expect(got.some((r) => decodeRecord(r).kind === 'minute')).toBe(true);
  });

  it('uploads new firmware through the REPL and reboots into it', async () => {
    const code = readFileSync(DEFAULT_BUNDLE, 'utf8').replace('"0.3.0"', '"0.3.0-up"');
    expect(code).toContain('"0.3.0-up"');
    await link.request('repl', {});
    const b64 = Buffer.from(code, 'latin1').toString('base64');
    const CHUNK = 1024; // base64 characters, a multiple of 4
    const total = code.length;
    for (let o = 0, off = 0; o < b64.length; o += CHUNK) {
      const part = b64.slice(o, o + CHUNK);
      link.writeRaw(`\x10require("Storage").write(".bootcde",atob("${part}"),${off},${total})\n`);
      off += Buffer.from(part, 'base64').length;
      await new Promise((r) => setTimeout(r, 2));
    }
    link.writeRaw('\x10reset()\n');
    await new Promise((r) => setTimeout(r, 100));
    await run(500);
    const h = await link.request('hello', {});
    expect(h.fw).toBe('0.3.0-up');
    expect(dev.env.errors).toEqual([]);
  });
});
