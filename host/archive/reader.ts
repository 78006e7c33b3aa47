// Reads records.bin in fixed-size chunks, so memory stays flat whatever the archive's size.
import { closeSync, openSync, readSync } from 'node:fs';
import { recordOk } from '../../shared/log-format';
import { InputError } from '../cli/errors';

export function* readRecords(file: string, chunk = 64 * 1024): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    let buf = new Uint8Array(0);
    const tmp = new Uint8Array(chunk);
    for (;;) {
      const n = readSync(fd, tmp, 0, chunk, null);
      if (n > 0) {
        const next = new Uint8Array(buf.length + n);
        next.set(buf);
        next.set(tmp.subarray(0, n), buf.length);
        buf = next;
      }
      let o = 0;
      while (o < buf.length && buf[o] && o + buf[o] <= buf.length) {
        if (!recordOk(buf, o)) throw new InputError(`${file}: corrupt record at a byte near ${o}: give --repair (or run "npx posture pull") to repair the archive; the damaged file is kept as a copy`);
        yield buf.slice(o, o + buf[o]);
        o += buf[o];
      }
      buf = buf.slice(o);
      if (n === 0) {
        if (buf.length) throw new InputError(`${file}: ${buf.length} bytes of a torn record at the end: give --repair (or run "npx posture pull") to cut it`);
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}
