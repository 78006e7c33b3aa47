// Each board's Storage holds the flashed (pretokenised) bundle, the config and id files and the log ring:
// the ring is sized (logFiles in hardware/boards.json) to what the bundle leaves, with
// headroom for the firmware to grow (Espruino compacts erased files through RAM, so that
// needs none). A bundle that grows, or a ring made bigger, fails here before it fails on a board.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOARDS } from '../firmware/board';
import { HOUR_FILES, HOUR_FILE_SIZE, LOG_FILE_SIZE } from '../firmware/app';
import { encodeConfig } from '../firmware/config-store';
import { defaultConfig } from '../shared/config';
import { repoRoot } from '../host/paths';

const FILE_HEADER = 32; // Espruino's Storage header per file (size and a 28-byte name)
// 3.5 KB until the exercise programme took about 0.5 KB of it (its counter, events and fields).
// pico-w25q keeps its rings on the external flash; these are the ones it falls back to.
const HEADROOM = 3 * 1024;

describe('Storage budget', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'firmware', 'dist', 'manifest.json'), 'utf8')) as Record<string, { bytes: number; flash: number }>;
  // The largest config record: every field at its longest, a PIN and a reference.
  const cfg = encodeConfig({ config: { ...defaultConfig(), rate_hz: 12.5 }, ref: new Int16Array([-32768, -32768, -32768]), pinHash: 0xffffffff, fault: 0 }, 0xffffffff).length;

  it.each(['pico', 'puck', 'pico-w25q'] as const)('%s: bundle, config, id, log ring and hourly ring fit with headroom', (board) => {
    const b = BOARDS[board];
    const code = manifest[`posture-${board}.js`].flash + FILE_HEADER; // pretokenised, as flashed
    const ring = b.logFiles * (LOG_FILE_SIZE + FILE_HEADER) + HOUR_FILES * (HOUR_FILE_SIZE + FILE_HEADER);
    const small = 2 * (cfg + FILE_HEADER) + (8 + FILE_HEADER);
    const used = code + ring + small;
    console.log(`${board}: ${b.storageKB} KB Storage = bundle ${code} + rings ${ring} + config/id ${small} + ${b.storageKB * 1024 - used} B free`);
    expect(used + HEADROOM).toBeLessThanOrEqual(b.storageKB * 1024);
    // Flashed as text (an Espruino before 2v26) it must still fit, with at most one log file
    // fewer: the ring then gives up its own oldest file when it finds Storage full (faults test).
    expect(used - code + manifest[`posture-${board}.js`].bytes + FILE_HEADER - (LOG_FILE_SIZE + FILE_HEADER)).toBeLessThanOrEqual(b.storageKB * 1024);
    // ...and the ring is not left smaller than the room allows.
    expect(used + LOG_FILE_SIZE + FILE_HEADER + HEADROOM).toBeGreaterThan(b.storageKB * 1024);
  });
});
