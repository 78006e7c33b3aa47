// A register-level model of the Winbond W25Q32JV (datasheet revision F, section 8) for tests
// and the virtual clip: 4 MB of NOR cells, the write-enable latch, BUSY for a few status
// polls after a program or erase, page programs that wrap at the page end, deep power-down
// that ignores everything but its release, and a power cut that leaves a program half done:
// any of the bits it was clearing may still read 1.
export interface W25qModel {
  mem: Uint8Array;
  /** What a send on the bus returns (chip select low for the whole array). */
  transfer(data: Uint8Array): Uint8Array;
  /** The next page program clears only a random part of its bits, then throws PowerCut. */
  cutNextProgram(rand: () => number): void;
  /** Counts, for the energy ledger and the tests. */
  stats: { programs: number; erases: number; reads: number; wakes: number; sleeps: number; ignored: number };
  poweredDown: boolean;
}

export class NorPowerCut extends Error {
  constructor() {
    super('power cut during a page program');
  }
}

export function w25qModel(size = 4 * 1024 * 1024): W25qModel {
  const mem = new Uint8Array(size).fill(0xff);
  let wel = false, busyPolls = 0, cut: (() => number) | null = null;
  const stats = { programs: 0, erases: 0, reads: 0, wakes: 0, sleeps: 0, ignored: 0 };
  const m: W25qModel = {
    mem,
    stats,
    poweredDown: true, // as after power-on once the firmware put it down: the driver wakes it first
    cutNextProgram(rand) {
      cut = rand;
    },
    transfer(d) {
      const out = new Uint8Array(d.length).fill(0xff);
      const op = d[0];
      const addr = ((d[1] << 16) | (d[2] << 8) | d[3]) % size;
      if (m.poweredDown && op !== 0xab) {
        stats.ignored++;
        return out;
      }
      if (busyPolls > 0 && op !== 0x05) throw new Error(`W25Q32 model: command 0x${op.toString(16)} while busy`);
      switch (op) {
        case 0xab: m.poweredDown = false; stats.wakes++; break;
        case 0xb9: m.poweredDown = true; stats.sleeps++; break;
        case 0x9f: out.set([0xff, 0xef, 0x40, 0x16].slice(0, d.length)); break;
        case 0x06: wel = true; break;
        case 0x05:
          out[1] = (busyPolls > 0 ? 1 : 0) | (wel ? 2 : 0);
          if (busyPolls > 0) busyPolls--;
          break;
        case 0x03:
          stats.reads++;
          for (let i = 4; i < d.length; i++) out[i] = mem[(addr + i - 4) % size];
          break;
        case 0x02: {
          if (!wel) throw new Error('W25Q32 model: page program without write enable');
          if (d.length - 4 > 256) throw new Error('W25Q32 model: more than a page in one program');
          stats.programs++;
          const page = addr & ~255;
          const c = cut;
          cut = null;
          for (let i = 4; i < d.length; i++) {
            const at = page + ((addr + i - 4) & 255); // wraps within the page
            // Cut short: each bit the program was clearing may still read 1.
            mem[at] &= c ? d[i] | (Math.floor(c() * 256) & ~d[i] & 255) : d[i];
          }
          wel = false;
          if (c) throw new NorPowerCut();
          busyPolls = 2;
          break;
        }
        case 0x20:
          if (!wel) throw new Error('W25Q32 model: sector erase without write enable');
          stats.erases++;
          mem.fill(0xff, addr & ~4095, (addr & ~4095) + 4096);
          wel = false;
          busyPolls = 5;
          break;
        default:
          throw new Error(`W25Q32 model: command 0x${op.toString(16)} not modelled`);
      }
      return out;
    },
  };
  return m;
}
