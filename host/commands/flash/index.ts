// `posture flash [FILE]`: uploads a firmware bundle through the REPL the way Espruino's tools
// do (base64 chunks into Storage's .bootcde), reboots into it and checks the version it reports.
// Only .bootcde is written, so the config, calibration and log stay. The code goes up
// pretokenised (firmware/build/pretokenise.ts), as Espruino's IDE does: ~17% less flash.
import { distBundle } from '../../firmware-dist';
import { isLockRefusal, lockRefusal } from '../pin-refusal';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatGateProblems, syntaxGate } from '../../../firmware/build/syntax-gate';
import { detokenise, isPretokenised, pretokenise } from '../../../firmware/build/pretokenise';
import { DeviceError, InputError, UsageError, fileProblem } from '../../cli/errors';
import { crc32 } from '../../../shared/crc';
import { withDevice } from '../device';
import { replCodeRoom, replEspruinoVersion, STORAGE_FILE_HEADER } from './repl-query';

export const CHUNK = 1024; // base64 characters per REPL line (a multiple of 4)
// Pause between REPL lines; POSTURE_FLASH_PAUSE_MS slows it for a slow link (and for the test
// that pulls the cable mid-upload).
const CHUNK_PAUSE_MS = Math.max(1, Number(process.env.POSTURE_FLASH_PAUSE_MS) || 5);

export function bundleVersion(code: string): string | null {
  const m = /"(\d+\.\d+\.\d+(?:-[\w.]+)?)"/.exec(code);
  return m ? m[1] : null;
}

/** Espruino reads pretokenised integers from 2v26 on (raw strings from 2v21). */
export function readsPretokenised(esp: string): boolean {
  const m = /^(\d+)v(\d+)/.exec(esp);
  return !!m && Number(m[1]) * 100 + Number(m[2]) >= 226;
}

export interface FlashOptions {
  cwd: string;
  port?: string;
  file?: string;
  pin?: string;
  /**
   * The clip is at the Espruino REPL, not running the firmware (an upload was cut short, or
   * the button was held at power-on): upload without asking the firmware first. Needs FILE
   * or board.
   */
  repl?: boolean;
  board?: string;
  /** Upload the code as text, not pretokenised (for Espruino before 2v26). */
  plain?: boolean;
  onProgress?: (sent: number, total: number) => void;
}

export async function flashCommand(o: FlashOptions) {
  if (o.repl && !o.file && !o.board) throw new UsageError('flash --repl needs FILE or --board pico|pico-w25q|puck: the clip cannot say which board it is');
  if (o.board !== undefined && !/^(pico|pico-w25q|puck|linux)$/.test(o.board)) throw new UsageError(`--board ${o.board}: expected pico, pico-w25q (a Pico with the W25Q32 log flash), puck or linux`);
  return withDevice(o.port, async (link) => {
    const board = o.board ?? link.hello?.board;
    if (!o.file && !/^(pico|pico-w25q|puck|linux)$/.test(String(board))) throw new DeviceError(`the clip says it is a "${board}" board, for which there is no firmware here: give the bundle as FILE`);
    const file = o.file ? resolve(o.cwd, o.file) : distBundle(`posture-${board}.js`);
    let source: string;
    try {
      source = readFileSync(file, 'latin1');
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${fileProblem(e)}${o.file ? '' : ' (run "npm run build")'}`);
    }
    // A file already pretokenised (e.g. read back from a clip) is checked as its text.
    try {
      if (isPretokenised(source)) source = detokenise(source);
    } catch (e) {
      throw new InputError(`refusing ${file}: it is neither JavaScript nor pretokenised code (${(e as Error).message})`);
    }
    const problems = syntaxGate(source);
    if (problems.length) throw new InputError(`refusing ${file}: it fails the Espruino syntax gate:\n${formatGateProblems(file, problems.slice(0, 10))}`);
    const version = bundleVersion(source);
    if (!version) throw new InputError(`refusing ${file}: no firmware version string in it`);
    // Text for an interpreter too old for tokens: the clip says its version in hello; at the
    // REPL it is asked (no answer: assume a current one; --plain overrides).
    const esp = link.hello?.esp ?? (o.repl && !o.plain ? await replEspruinoVersion(link) : undefined);
    const plain = !!o.plain || (esp !== undefined && !readsPretokenised(esp));
    let code = source;
    try {
      if (!plain) code = pretokenise(source);
    } catch (e) {
      throw new InputError(`refusing ${file}: ${(e as Error).message} (--plain uploads it as text)`);
    }
    const before = link.hello?.fw ?? 'none (REPL)';
    if (!o.repl) {
      try {
        await link.request('repl', o.pin ? { pin: o.pin } : {});
      } catch (e) {
        if (isLockRefusal(e)) throw lockRefusal(!!o.pin, 'the firmware was not touched');
        throw e;
      }
    }
    // Room first: Espruino erases the old .bootcde before it finds the new one no room, which
    // would leave the clip without firmware.
    const room = await replCodeRoom(link);
    if (room !== undefined && code.length + STORAGE_FILE_HEADER > room) {
      if (!o.repl) link.writeRaw('\x10load()\n'); // back to the firmware it was running
      throw new DeviceError(
        `the clip's Storage has room for ${room} bytes of code and this upload needs ${code.length + STORAGE_FILE_HEADER}: nothing was written. ` +
          (o.repl ? 'Free Storage from the REPL (Espruino Web IDE), then flash again' : 'Pull the log with "npx posture pull --erase" to free its files, then flash again'),
      );
    }
    let gone = false;
    link.once('disconnect', () => (gone = true));
    const cut = () =>
      new DeviceError('the clip was disconnected during the upload: it is left at the Espruino REPL with its config and log. Plug it back in and run "npx posture flash --repl --board ' + (board ?? 'pico') + '" (docs/commands.md: "Recovering a clip")', true);
    await new Promise((r) => setTimeout(r, 50));
    const b64 = Buffer.from(code, 'latin1').toString('base64');
    for (let o2 = 0, off = 0; o2 < b64.length; o2 += CHUNK) {
      if (gone || !link.isOpen) throw cut();
      const part = b64.slice(o2, o2 + CHUNK);
      link.writeRaw(`\x10require("Storage").write(".bootcde",atob("${part}"),${off},${code.length})\n`);
      off += Buffer.from(part, 'base64').length;
      o.onProgress?.(off, code.length);
      await new Promise((r) => setTimeout(r, CHUNK_PAUSE_MS));
    }
    link.writeRaw('\x10load()\n');
    // The clip reboots into the new code, which takes the console back: ask until it answers.
    const t0 = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      if (gone || !link.isOpen) throw cut();
      try {
        const h = await link.request('hello', {}, { timeoutMs: 700, retries: 0 });
        if (h.fw !== version) throw new DeviceError(`the clip runs ${String(h.fw)} after flashing, expected ${version}: flash again`);
        // The same version string is not proof: the clip must run exactly these bytes (a
        // Storage too full for them leaves the old code running).
        const want = crc32(Buffer.from(code, 'latin1')) >>> 0;
        if (typeof h.code === 'number' && h.code !== want) {
          throw new DeviceError(`the clip runs other code than was sent (CRC-32 ${h.code.toString(16)}, sent ${want.toString(16)}): is its Storage full? Flash again, or see "Recovering a clip" in docs/commands.md`);
        }
        return { file, bytes: code.length, sourceBytes: source.length, pretokenised: !plain, before, version };
      } catch (e) {
        if (e instanceof DeviceError && /after flashing/.test(e.message)) throw e;
        if (Date.now() - t0 > 15000) {
          const hint = plain ? '' : ' (an Espruino older than 2v26 cannot read pretokenised code: add --plain)';
          throw new DeviceError(`the clip did not come back after flashing${hint}: see "Recovering a clip" in docs/commands.md`);
        }
      }
    }
  }, !o.repl);
}
