// Pulls log records from a device from a sequence number on, checking every CRC and the
// sequence; reports torn records and ring drops. onBatch sees each batch as it arrives, so a
// caller can store it before asking for the next (an unplug then loses nothing).
import { splitRecords } from '../log/records';
import { pullSchema } from './schemas';
import { DeviceLink } from './device-link';
import { DeviceError } from '../cli/errors';

export interface PullProgress {
  records: number;
  bytes: number;
  torn: number;
  next: number;
  dropped: number;
  first: number;
}

/** hours: pull the clip's hourly ring instead of its minutes and events. */
export async function pullFrom(
  link: DeviceLink,
  from: number,
  onBatch: (recs: Uint8Array[], next: number) => void | Promise<void>,
  onProgress?: (p: PullProgress) => void,
  hours = false,
): Promise<PullProgress> {
  const p: PullProgress = { records: 0, bytes: 0, torn: 0, next: from, dropped: 0, first: from };
  for (;;) {
    const raw = await link.request('pull', hours ? { from: p.next, max: 16, h: 1 } : { from: p.next, max: 16 });
    const r = pullSchema.safeParse(raw);
    if (!r.success) throw new DeviceError(`malformed pull reply: ${r.error.issues[0]?.message}`);
    const buf = new Uint8Array(Buffer.from(r.data.recs, 'base64'));
    const recs = splitRecords(buf);
    if (recs.length !== r.data.n) throw new DeviceError(`pull reply says ${r.data.n} records, holds ${recs.length}`);
    await onBatch(recs, r.data.next);
    p.records += recs.length;
    p.bytes += buf.length;
    p.torn += r.data.torn;
    p.dropped = r.data.dropped;
    p.first = r.data.first;
    p.next = r.data.next;
    onProgress?.(p);
    if (r.data.end) return p;
  }
}
