// The log rings' files on an external NOR flash, through the StorageHal the rings already
// use, so the same ring code (packing, power cuts, drops) runs on either. Each ring gets an
// area of whole files, each file whole sectors; a file is named prefix + its number and
// lives at a fixed place, so nothing but the chip itself has to be kept. A file exists when
// its first byte is written (every ring file starts with its header). Rings number their
// files modulo 100, so an area holds a divisor of 100 files (4, 10, 50, 100...) and file n
// lives at slot n mod files: a ring of at most that many files never puts two in one slot.
import { StorageHal } from '../hal/types';
import { NorFlash } from './w25q';

const SECTOR = 4096;

export interface NorArea {
  prefix: string;
  /** First sector, number of files, bytes per file (whole sectors). */
  first: number;
  files: number;
  size: number;
}

export function createNorStorage(flash: NorFlash, areas: NorArea[]): StorageHal {
  /** The file's area and address, or null for a name no area holds. */
  function place(name: string): [NorArea, number] | null {
    for (let i = 0; i < areas.length; i++) {
      const a = areas[i];
      if (name.indexOf(a.prefix) !== 0) continue;
      const k = parseInt(name.substr(a.prefix.length), 10);
      if (k >= 0) return [a, a.first * SECTOR + (k % a.files) * a.size];
    }
    return null;
  }
  function exists(addr: number): boolean {
    return flash.read(addr, 1)[0] !== 0xff;
  }
  function wipe(a: NorArea, addr: number) {
    for (let o = 0; o < a.size; o += SECTOR) flash.eraseSector(addr + o);
  }
  return {
    read: function (name, offset, length) {
      const p = place(name);
      if (!p || !exists(p[1]) || offset >= p[0].size) return undefined;
      const n = length ? Math.min(length, p[0].size - offset) : p[0].size - offset;
      return flash.read(p[1] + offset, n);
    },
    write: function (name, data, offset, size) {
      const p = place(name);
      if (!p || offset + data.length > p[0].size || (size && size !== p[0].size)) return false;
      // At offset 0 a file is made (replacing one there), as Espruino's Storage does;
      // past it the file must exist.
      if (offset === 0 && exists(p[1])) wipe(p[0], p[1]);
      if (offset > 0 && !exists(p[1])) return false;
      flash.program(p[1] + offset, data);
      return true;
    },
    erase: function (name) {
      const p = place(name);
      if (p) wipe(p[0], p[1]);
    },
    list: function (prefix) {
      const out: string[] = [];
      for (let i = 0; i < areas.length; i++) {
        const a = areas[i];
        if (a.prefix.indexOf(prefix) !== 0) continue;
        for (let k = 0; k < a.files; k++) if (exists(a.first * SECTOR + k * a.size)) out.push(a.prefix + k);
      }
      return out;
    },
    free: function () {
      let n = 0;
      for (let i = 0; i < areas.length; i++) {
        const a = areas[i];
        for (let k = 0; k < a.files; k++) if (!exists(a.first * SECTOR + k * a.size)) n += a.size;
      }
      return n;
    },
  };
}
