// A Transform from serial bytes to validated device messages: splits lines, checks each
// frame's CRC, parses JSON, validates with zod. Anything else (REPL noise, line garbage,
// a truncated line) is counted and reported through 'garbage', never passed on.
import { Transform, TransformCallback } from 'node:stream';
import { MAX_LINE, unframe } from '../../shared/protocol';
import { classify } from './schemas';

export class FrameParser extends Transform {
  private buf = '';
  garbage = 0;

  constructor() {
    super({ readableObjectMode: true });
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.buf += chunk.toString('latin1');
    let i: number;
    while ((i = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, i).replace(/\r$/, '');
      this.buf = this.buf.slice(i + 1);
      this.line(line);
    }
    if (this.buf.length > MAX_LINE * 4) {
      this.bad(this.buf.slice(0, 80), 'line too long');
      this.buf = '';
    }
    done();
  }

  private line(line: string) {
    // Tolerate a REPL prompt or other bytes glued before a frame: frames start with '{'.
    const start = line.indexOf('{');
    if (start < 0) {
      if (line.trim()) this.bad(line, 'not a frame');
      return;
    }
    if (start > 0 && line.slice(0, start).trim()) this.bad(line.slice(0, start), 'bytes before a frame');
    const json = unframe(line.slice(start));
    if (json === null) return this.bad(line, 'bad CRC or frame');
    let o: unknown;
    try {
      o = JSON.parse(json);
    } catch {
      return this.bad(line, 'not JSON');
    }
    const m = classify(o);
    if (!m) return this.bad(line, 'unknown message');
    this.push(m);
  }

  private bad(text: string, why: string) {
    this.garbage++;
    this.emit('garbage', { text: text.slice(0, 120), why });
  }
}
