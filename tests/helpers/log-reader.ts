import { expect } from 'vitest';
import { REC_EVENT, REC_HEADER } from '../../shared/log-format';

export interface ReadRecord {
  seq: number;
  ok: number;
  type: number;
  t: number;
  a?: number;
  b?: number;
  /** The event type, for event records. */
  ev?: number;
}

/** Decodes the records a ring yields (tests only; the host's reader comes with issue 4). */
export function readAll(ring: { each(from: number, fn: (b: Uint8Array, at: number, ok: number, seq: number) => void): void }, from = 0): ReadRecord[] {
  const out: ReadRecord[] = [];
  ring.each(from, (b, at, ok, seq) => {
    // A torn record is passed as it lies in flash (packed): only its place counts.
    if (!ok) return out.push({ seq, ok, type: 0, t: 0 });
    const dv = new DataView(b.buffer, b.byteOffset + at, b[at]);
    const r: ReadRecord = { seq, ok, type: b[at + 1], t: dv.getUint32(6, true) };
    expect(dv.getUint32(2, true)).toBe(seq);
    if (r.type === REC_EVENT) {
      r.ev = b[at + REC_HEADER + 2];
      r.a = dv.getInt32(REC_HEADER + 3, true);
      r.b = dv.getInt32(REC_HEADER + 7, true);
    }
    out.push(r);
  });
  return out;
}
