// `posture flash` stores the code pretokenised when the clip's Espruino reads tokens (2v26 on,
// said in its hello), as text when it is older or --plain asks: over a real pty to the virtual
// clip, which boots whichever it was given.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortStream } from '@serialport/stream';
import { attachDevice, haveSocat, PtyPair, startPty } from '../host/sim/pty';
import { createVirtualDevice, DEFAULT_BUNDLE, VirtualDevice } from '../host/sim/virtual-device';
import { flashCommand, readsPretokenised } from '../host/commands/flash/index';
import { isPretokenised, pretokenise } from '../firmware/build/pretokenise';
import { crc32 } from '../shared/crc';
import { withDevice } from '../host/commands/device';
import { CODE_ROOM } from '../host/commands/flash/repl-query';
import { ESPRUINO, espruinoFolder } from './helpers/espruino-run';

describe('which Espruino reads pretokenised code', () => {
  it('is 2v26 or later', () => {
    for (const v of ['2v26', '2v29', '2v29.12', '3v00']) expect(readsPretokenised(v), v).toBe(true);
    for (const v of ['2v25', '2v20.5', '1v99', '', 'unknown']) expect(readsPretokenised(v), v).toBe(false);
  });
});

describe.runIf(ESPRUINO)('the questions flash asks at the REPL, on the interpreter', () => {
  it('gets a version and the room for code, as numbers flash can use', () => {
    const f = espruinoFolder();
    try {
      f.run('require("Storage").write(".bootcde","print(1)");', 5);
      const out = f.run(`print("v="+process.version);print("room="+${CODE_ROOM});`, 5);
      expect(readsPretokenised(/v=(\S+)/.exec(out)![1])).toBe(true);
      const room = Number(/room=(\d+)/.exec(out)![1]);
      expect(room).toBeGreaterThan(8 + 32); // free space, plus the .bootcde it would replace
    } finally {
      f.cleanup();
    }
  });
});

describe.runIf(haveSocat())('posture flash over a pty', () => {
  let dir = '', pty: PtyPair | null = null, dev: VirtualDevice | null = null, port: SerialPortStream | null = null;

  async function clip(espVersion?: string, atRepl = false) {
    dir = mkdtempSync(join(tmpdir(), 'posture-flash-'));
    pty = await startPty(join(dir, 'host'), join(dir, 'device'));
    dev = createVirtualDevice({ speed: 1, espVersion, holdButtonAtBoot: atRepl });
    port = await attachDevice(dev, join(dir, 'device'));
    return join(dir, 'host');
  }

  afterEach(async () => {
    dev?.stop();
    if (port?.isOpen) await new Promise((r) => port!.close(r));
    await pty?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const bootcde = () => Buffer.from(dev!.storage.read('.bootcde', 0, 0)!).toString('latin1');
  const helloCode = (p: string) => withDevice(p, async (l) => l.hello!.code);
  const source = readFileSync(DEFAULT_BUNDLE, 'utf8');

  it('stores tokens on a clip that reads them, and the clip runs them', async () => {
    const p = await clip();
    const r = await flashCommand({ cwd: dir, port: p });
    expect(r).toMatchObject({ pretokenised: true, sourceBytes: source.length, bytes: pretokenise(source).length });
    expect(r.bytes).toBeLessThan(r.sourceBytes * 0.9);
    expect(bootcde()).toBe(pretokenise(source));
    expect(await helloCode(p)).toBe(crc32(Buffer.from(bootcde(), 'latin1')));
  }, 30_000);

  it('stores text on a clip whose Espruino is older than 2v26', async () => {
    const p = await clip('2v20');
    const r = await flashCommand({ cwd: dir, port: p });
    expect(r.pretokenised).toBe(false);
    expect(isPretokenised(bootcde())).toBe(false);
    expect(bootcde()).toBe(source);
    expect(await helloCode(p)).toBe(crc32(Buffer.from(source, 'latin1')));
  }, 30_000);

  it('at the REPL, asks the interpreter its version', async () => {
    let p = await clip('2v20', true);
    let r = await flashCommand({ cwd: dir, port: p, repl: true, board: 'pico' });
    expect(r).toMatchObject({ pretokenised: false, before: 'none (REPL)' });
    expect(bootcde()).toBe(source);
    dev!.stop();
    await new Promise((res) => port!.close(res));
    await pty!.stop();
    rmSync(dir, { recursive: true, force: true });
    p = await clip('2v29', true);
    r = await flashCommand({ cwd: dir, port: p, repl: true, board: 'pico' });
    expect(r.pretokenised).toBe(true);
    expect(bootcde()).toBe(pretokenise(source));
  }, 30_000);

  it('refuses an upload Storage has no room for, before writing, and the clip runs on', async () => {
    const p = await clip();
    // Fill Storage (as a full log would) to 10 KB short of what the code needs.
    const need = pretokenise(source).length + 32;
    dev!.storage.write('filler', new Uint8Array(1), 0, dev!.storage.free() - 32 - (need - 10_000));
    await expect(flashCommand({ cwd: dir, port: p })).rejects.toThrow(
      new RegExp(`room for \\d+ bytes of code and this upload needs ${need}: nothing was written\\. Pull the log with "npx posture pull --erase"`),
    );
    expect(dev!.storage.read('.bootcde', 0, 0)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 500));
    expect(await withDevice(p, async (l) => l.hello!.fw)).toBe('0.3.0'); // back in its firmware
  }, 30_000);

  it('takes a file that is already pretokenised (checked as its text)', async () => {
    const p = await clip();
    const f = join(dir, 'tokens.bin');
    writeFileSync(f, Buffer.from(pretokenise(source), 'latin1'));
    const r = await flashCommand({ cwd: dir, port: p, file: f });
    expect(r).toMatchObject({ pretokenised: true, version: '0.3.0' });
    expect(bootcde()).toBe(pretokenise(source));
    writeFileSync(f, Buffer.from(pretokenise(source).slice(0, 5000) + '\xff', 'latin1'));
    await expect(flashCommand({ cwd: dir, port: p, file: f })).rejects.toThrow(/refusing .*tokens\.bin: it is neither JavaScript nor pretokenised code \(detokenise: (byte 0xff at \d+ is no Espruino token|a string at \d+ runs past the end)/);
  }, 30_000);

  it('stores text when --plain says so', async () => {
    const p = await clip();
    const r = await flashCommand({ cwd: dir, port: p, plain: true });
    expect(r).toMatchObject({ pretokenised: false, bytes: source.length });
    expect(bootcde()).toBe(source);
  }, 30_000);
});
