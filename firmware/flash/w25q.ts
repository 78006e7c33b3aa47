// Winbond W25Q32JV serial NOR flash, 4 MB (32 Mbit), on SPI. Commands from the "W25Q32JV
// 3V 32M-bit Serial Flash Memory with Dual/Quad SPI" datasheet, revision F (2017): section 8.
// Erased bytes read 0xFF; a page program only clears bits, within one 256-byte page (an
// address past the page's end wraps to its start, so writes are split here); a sector erase
// sets 4 KB back to 0xFF. Between accesses the chip sits in deep power-down (1 uA typical,
// against 25 uA standby), woken by "release power-down" (tRES1 = 3 us).
export const W25_WRITE_ENABLE = 0x06;
export const W25_READ_STATUS1 = 0x05; // bit 0 BUSY, bit 1 WEL (write enable latch)
export const W25_READ_DATA = 0x03; // 24-bit address, then data out
export const W25_PAGE_PROGRAM = 0x02; // 24-bit address, then 1..256 bytes
export const W25_SECTOR_ERASE = 0x20; // 24-bit address: the 4 KB sector holding it
export const W25_POWER_DOWN = 0xb9;
export const W25_RELEASE_POWER_DOWN = 0xab;
export const W25_JEDEC_ID = 0x9f; // manufacturer 0xEF, memory type 0x40, capacity 0x16 (32 Mbit)
export const W25_PAGE = 256;
export const W25_SECTOR = 4096;
export const W25_SECTORS = 1024;
const BUSY = 1;
// tPP 3 ms max, tSE 400 ms max: polls give up well after that (a chip that never finishes is broken).
const MAX_POLLS = 100000;

/** The SPI bus as the board hands it over: sends bytes with chip select low, returns what came back. */
export interface SpiBus {
  send(data: Uint8Array): Uint8Array;
}

export interface NorFlash {
  name: string;
  sectors: number;
  configure(): void;
  read(addr: number, n: number): Uint8Array;
  program(addr: number, data: Uint8Array): void;
  eraseSector(addr: number): void;
  close(): void;
}

export function createW25q(bus: SpiBus): NorFlash {
  const cmd = new Uint8Array(4);
  function head(op: number, addr: number, extra: number): Uint8Array {
    const b = new Uint8Array(4 + extra);
    b[0] = op;
    b[1] = (addr >> 16) & 255;
    b[2] = (addr >> 8) & 255;
    b[3] = addr & 255;
    return b;
  }
  function waitReady() {
    cmd[0] = W25_READ_STATUS1;
    for (let i = 0; i < MAX_POLLS; i++) if (!(bus.send(cmd.subarray(0, 2))[1] & BUSY)) return;
    throw new Error('W25Q32 stayed busy');
  }
  function wake() {
    cmd[0] = W25_RELEASE_POWER_DOWN;
    bus.send(cmd.subarray(0, 1));
  }
  function sleep() {
    cmd[0] = W25_POWER_DOWN;
    bus.send(cmd.subarray(0, 1));
  }
  function writeEnable() {
    cmd[0] = W25_WRITE_ENABLE;
    bus.send(cmd.subarray(0, 1));
  }
  return {
    name: 'W25Q32',
    sectors: W25_SECTORS,
    configure: function () {
      wake();
      cmd[0] = W25_JEDEC_ID;
      const id = bus.send(cmd);
      sleep();
      if (id[1] !== 0xef || id[3] !== 0x16) throw new Error('W25Q32 JEDEC ID ' + id[1] + ',' + id[2] + ',' + id[3] + ', expected 239,64,22');
    },
    read: function (addr, n) {
      wake();
      const r = bus.send(head(W25_READ_DATA, addr, n));
      sleep();
      return r.subarray(4);
    },
    program: function (addr, data) {
      wake();
      // Split at page ends: a page program past one wraps to the page's start.
      for (let o = 0; o < data.length; ) {
        const n = Math.min(data.length - o, W25_PAGE - ((addr + o) & (W25_PAGE - 1)));
        const b = head(W25_PAGE_PROGRAM, addr + o, n);
        b.set(data.subarray(o, o + n), 4);
        writeEnable();
        bus.send(b);
        waitReady();
        o += n;
      }
      sleep();
    },
    eraseSector: function (addr) {
      wake();
      writeEnable();
      bus.send(head(W25_SECTOR_ERASE, addr, 0));
      waitReady();
      sleep();
    },
    close: sleep,
  };
}
