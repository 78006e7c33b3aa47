// Espruino Storage with flash semantics, for tests and the virtual device: a file written
// with a size is reserved full of 0xFF and may later be written only over unwritten bytes;
// a plain write replaces the file. A power cut can be armed to stop a write after k bytes.
import { StorageHal } from '../../firmware/hal/types';

export class PowerCut extends Error {
  constructor() {
    super('power cut');
  }
}

export interface FlashStorage extends StorageHal {
  files: Map<string, Uint8Array>;
  /**
   * The next write stores only its first k bytes, then throws PowerCut. torn: the bits of
   * byte k left unprogrammed (as flash, they read 1): 0xFF (default) leaves it unwritten.
   */
  cutAfter(k: number, torn?: number): void;
  capacity: number;
  writes: number;
}

export function createFlashStorage(capacity = 96 * 1024, files = new Map<string, Uint8Array>()): FlashStorage {
  let cut = -1, tornBits = 0xff;
  const used = () => [...files.values()].reduce((s, f) => s + f.length + 32, 0);
  const s: FlashStorage = {
    files,
    capacity,
    writes: 0,
    cutAfter(k, torn = 0xff) {
      cut = k;
      tornBits = torn;
    },
    read(name, offset, length) {
      const f = files.get(name);
      if (!f) return undefined;
      const end = length ? Math.min(f.length, offset + length) : f.length;
      return f.slice(offset, end);
    },
    write(name, data, offset, size) {
      s.writes++;
      let f = files.get(name);
      const len = size || data.length;
      // As Espruino's jsfWriteFile: at offset 0 a missing file is created, and one of another
      // size or already written to is replaced; past offset 0 the file must exist.
      if (!f && offset > 0) return false;
      if (!f || (offset === 0 && (!size || f.length !== len || f.some((b) => b !== 0xff)))) {
        // Espruino erases the file being replaced before it looks for room for the new one.
        if (f) files.delete(name);
        if (used() + len + 32 > capacity) return false;
        f = new Uint8Array(len).fill(0xff);
        files.set(name, f);
      }
      if (offset + data.length > f.length) return false;
      for (let i = 0; i < data.length; i++) {
        if (size && f[offset + i] !== 0xff && f[offset + i] !== data[i]) return false; // flash: 0xFF only
      }
      const n = cut >= 0 ? Math.min(cut, data.length) : data.length;
      f.set(data.subarray(0, n), offset);
      if (cut >= 0 && n < data.length) f[offset + n] = data[n] | tornBits;
      if (cut >= 0) {
        cut = -1;
        throw new PowerCut();
      }
      return true;
    },
    erase(name) {
      files.delete(name);
    },
    list(prefix) {
      return [...files.keys()].filter((n) => n.startsWith(prefix)).sort();
    },
    free() {
      return capacity - used();
    },
  };
  return s;
}
