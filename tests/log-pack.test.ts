// The packed form the clip keeps its log in (shared/log-pack.ts): every record the clip can
// send comes back byte for byte, and no write cut short passes the check.
import { describe, expect, it } from 'vitest';
import { packedOk, packRecord, packTime, unpackRecord, PACK_MAX } from '../shared/log-pack';
import { EVENT_LEN, HOUR_LEN, MINUTE_LEN, REC_EVENT, REC_HEADER, REC_HOUR, REC_MINUTE, sealRecord } from '../shared/log-format';
import { mulberry32 } from '../host/sim/scenario';

const rand = mulberry32(7);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
/** Values of every size the fields hold, small ones most often. */
const any32 = () => [0, int(-128, 127), int(-32768, 32767), int(-(2 ** 31), 2 ** 31 - 1)][int(0, 3)];

function wire(type: number, t: number, flags: number): Uint8Array {
  const w = new Uint8Array(type === REC_EVENT ? EVENT_LEN : type === REC_HOUR ? HOUR_LEN : MINUTE_LEN);
  const p = REC_HEADER;
  const dv = new DataView(w.buffer);
  if (type === REC_EVENT) {
    dv.setUint16(p, int(0, 999), true);
    w[p + 2] = int(1, 40);
    dv.setInt32(p + 3, any32(), true);
    dv.setInt32(p + 7, any32(), true);
  } else {
    if (type === REC_MINUTE && rand() < 0.4) w[p + int(0, 4)] = 60; // the whole minute in one state
    else for (let i = 0; i < 5; i++) w[p + i] = int(0, type === REC_HOUR ? 240 : 60);
    if (rand() < 0.8) {
      dv.setInt16(p + 5, int(-1800, 1800), true);
      dv.setInt16(p + 7, int(-1800, 1800), true);
    }
    for (let i = 9; i < 13; i++) if (rand() < 0.3) w[p + i] = int(0, 255);
  }
  sealRecord(w, type, int(0, 2 ** 31), t, flags);
  return w;
}

describe('packed log records', () => {
  it('every minute, hour and event record comes back byte for byte, and is at most 32 bytes', () => {
    const out = new Uint8Array(PACK_MAX);
    let n = 0, packedBytes = 0, sentBytes = 0;
    for (const type of [REC_MINUTE, REC_HOUR, REC_EVENT]) {
      for (let i = 0; i < 3000; i++) {
        const base = 60 * int(0, 30_000_000);
        const t = type === REC_HOUR ? base + 3600 * int(0, 1000) : type === REC_MINUTE ? base + 60 * int(0, 8191) : base + int(0, 16_000);
        const flags = int(0, 1);
        const w = wire(type, t, flags);
        const len = packRecord(w, out, base);
        expect(len).toBeGreaterThan(2);
        expect(len).toBeLessThanOrEqual(PACK_MAX);
        expect(packedOk(out, 0)).toBe(1);
        const back = new Uint8Array(w.length);
        expect(unpackRecord(out, 0, base, back)).toBe(type);
        sealRecord(back, type, new DataView(w.buffer).getUint32(2, true), new DataView(back.buffer).getUint32(6, true), flags);
        expect(back).toEqual(w);
        n++;
        packedBytes += len;
        sentBytes += w.length;
      }
    }
    expect(n).toBe(9000);
    expect(packedBytes / sentBytes).toBeLessThan(0.6); // random fields: real days pack tighter
  });

  it('asks for a new time base when a record is before the base or out of an offset\'s reach', () => {
    const out = new Uint8Array(PACK_MAX);
    const base = 1_700_000_040;
    expect(packRecord(wire(REC_EVENT, base - 1, 0), out, base)).toBe(0);
    expect(packRecord(wire(REC_EVENT, base + 16_778, 0), out, base)).toBe(0); // past 2^24 ms
    expect(packRecord(wire(REC_MINUTE, base + 60 * 8192, 0), out, base)).toBe(0);
    expect(packRecord(wire(REC_MINUTE, base + 60 * 8191, 0), out, base)).toBeGreaterThan(0);
    expect(packRecord(wire(REC_HOUR, base + 3600 * 1000, 0), out, base)).toBeGreaterThan(0);
  });

  it('no write cut short passes the check: any byte, any of its bits left unprogrammed', () => {
    const out = new Uint8Array(PACK_MAX);
    let torn = 0;
    const check = (rec: Uint8Array) => {
      for (let k = 0; k < rec.length; k++) {
        for (let bits = 1; bits < 256; bits++) {
          const flash = new Uint8Array(PACK_MAX + 8).fill(0xff);
          flash.set(rec.subarray(0, k));
          flash[k] = rec[k] | bits;
          if (flash[k] === rec[k] && k === rec.length - 1) continue; // every bit landed: whole
          if (flash[0] > PACK_MAX || flash[0] < 3) continue; // a garbage length ends the file
          expect(packedOk(flash, 0), `cut at byte ${k}, bits ${bits.toString(2)}`).toBe(flash[k] === rec[k] && k === rec.length - 1 ? 1 : 0);
          torn++;
        }
      }
    };
    for (let i = 0; i < 40; i++) {
      const type = [REC_MINUTE, REC_HOUR, REC_EVENT][i % 3];
      const n = packRecord(wire(type, 1_700_000_040 + (type === REC_EVENT ? 5 : 3600), 0), out, 1_700_000_040);
      check(out.slice(0, n));
    }
    check(out.slice(0, packTime(out, 1_700_000_040, 1)));
    expect(torn).toBeGreaterThan(40 * 8 * 200);
  });
});
