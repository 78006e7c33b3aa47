import { describe, expect, it } from 'vitest';
import { cfgFile, createConfigStore, LOAD_CORRUPT, LOAD_MISSING, LOAD_OK, pinHash } from '../firmware/config-store';
import { defaultConfig } from '../shared/config';
import { frame } from '../shared/protocol';
import { createFlashStorage, PowerCut } from '../host/sim/flash-storage';

const stored = (over = {}) => ({ config: { ...defaultConfig(), ...over }, ref: new Int16Array([7000, 12, 4000]), pinHash: 0, fault: LOAD_OK });

describe('persisted config', () => {
  it('loads what it saved, reference and PIN hash included', () => {
    const fs = createFlashStorage();
    createConfigStore(fs).save({ ...stored({ threshold_deg: 22, rate_hz: 12.5 }), pinHash: pinHash('4321') });
    const s = createConfigStore(fs).load();
    expect(s.fault).toBe(LOAD_OK);
    expect(s.config.threshold_deg).toBe(22);
    expect(s.config.rate_hz).toBe(12.5);
    expect([...s.ref]).toEqual([7000, 12, 4000]);
    expect(s.pinHash).toBe(pinHash('4321'));
  });

  it('falls back to the defaults with a "missing" fault when nothing is stored', () => {
    const s = createConfigStore(createFlashStorage()).load();
    expect(s.fault).toBe(LOAD_MISSING);
    expect(s.config).toEqual(defaultConfig());
  });

  it('takes the other copy when the newest one is corrupt, and defaults when both are', () => {
    const fs = createFlashStorage();
    const store = createConfigStore(fs);
    store.save(stored({ threshold_deg: 20 }));
    store.save(stored({ threshold_deg: 25 }));
    const newest = fs.files.get(cfgFile(0))!; // sequence 2 lives in file 0
    newest[20] ^= 0x01;
    expect(createConfigStore(fs).load().config.threshold_deg).toBe(20);
    fs.files.get(cfgFile(1))![5] ^= 0x80;
    const s = createConfigStore(fs).load();
    expect(s.fault).toBe(LOAD_CORRUPT);
    expect(s.config).toEqual(defaultConfig());
  });

  it('keeps the previous prescription when Storage is full for a save (Espruino erases the copy it replaces)', () => {
    const fs = createFlashStorage(8 * 1024);
    const store = createConfigStore(fs);
    store.save(stored({ threshold_deg: 20 }));
    store.save(stored({ threshold_deg: 25 }));
    fs.write('filler', new Uint8Array(1), 0, fs.free() - 32);
    // Into file 1, which goes, and the new record (a PIN hash is longer than none) has no room.
    store.save({ ...stored({ threshold_deg: 30 }), pinHash: 0xffffffff });
    expect(fs.files.has(cfgFile(1))).toBe(false);
    // A second failure falls on the same slot: the newest good copy is never the one erased.
    store.save({ ...stored({ threshold_deg: 31 }), pinHash: 0xffffffff });
    expect(fs.files.has(cfgFile(0))).toBe(true);
    const s = createConfigStore(fs).load();
    expect(s.fault).toBe(LOAD_OK);
    expect(s.config.threshold_deg).toBe(25);
    // Room again: the next save goes on from there.
    fs.erase('filler');
    expect(store.save(stored({ threshold_deg: 32 }))).toBe(true);
    expect(createConfigStore(fs).load().config.threshold_deg).toBe(32);
  });

  it('survives a power cut at every byte of a save: the previous prescription stays', () => {
    const fs0 = createFlashStorage();
    createConfigStore(fs0).save(stored({ threshold_deg: 20 }));
    const size = createConfigStore(createFlashStorage()).load() && fs0.files.get(cfgFile(1))!.length;
    for (let k = 0; k < size; k++) {
      const fs = createFlashStorage(undefined, new Map([...fs0.files].map(([n, f]) => [n, f.slice()])));
      const store = createConfigStore(fs);
      store.load();
      fs.cutAfter(k);
      expect(() => store.save(stored({ threshold_deg: 30 }))).toThrow(PowerCut);
      expect(createConfigStore(fs).load().config.threshold_deg).toBe(20);
    }
  });

  it('ignores out-of-range values in a record and reports it', () => {
    const fs = createFlashStorage();
    createConfigStore(fs).save(stored({ threshold_deg: 99 }));
    const s = createConfigStore(fs).load();
    expect(s.fault).toBe(LOAD_CORRUPT);
    expect(s.config.threshold_deg).toBe(15);
  });

  it('reads a version 1 record (values by name, as firmware before the exercise fields kept it): the new fields take their defaults', () => {
    const fs = createFlashStorage();
    const v1 = frame(JSON.stringify({ v: 1, seq: 3, pin: 0, ref: [8000, 100, 1500], cfg: { ...defaultConfig(), threshold_deg: 20, ex_extension_deg: undefined } }));
    fs.write(cfgFile(1), new Uint8Array([...v1].map((ch) => ch.charCodeAt(0))), 0, 0);
    const s = createConfigStore(fs).load();
    expect(s.fault).toBe(LOAD_OK);
    expect(s.config).toEqual({ ...defaultConfig(), threshold_deg: 20 });
    expect([...s.ref]).toEqual([8000, 100, 1500]);
  });

  it('stores values by field index (version 2): smaller, and a longer list from newer firmware reads its known fields', () => {
    const fs = createFlashStorage();
    createConfigStore(fs).save(stored({ ex_side_deg: 12 }));
    const text = String.fromCharCode(...fs.read(cfgFile(1), 0, 0)!);
    expect(text).toMatch(/^\{"v":2,.*"cfg":\[15,5,30,/);
    expect(text).not.toContain('threshold_deg');
    const more = frame(JSON.stringify({ v: 2, seq: 9, pin: 0, ref: [8000, 0, 0], cfg: [...Object.values({ ...defaultConfig(), threshold_deg: 25 }), 7, 8] }));
    fs.write(cfgFile(1), new Uint8Array([...more].map((ch) => ch.charCodeAt(0))), 0, 0);
    expect(createConfigStore(fs).load().config).toEqual({ ...defaultConfig(), threshold_deg: 25 });
  });
});
