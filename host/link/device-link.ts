// The host end of the link: a serial port (node-serialport's stream over the OS binding),
// the frame parser, requests with ids, timeouts and retries, the hello with a version check,
// and reconnection after an unplug. Pending requests fail on a disconnect and are never
// re-sent: serialport would otherwise deliver writes made while closed after a reopen.
import { EventEmitter } from 'node:events';
import { SerialPortStream } from '@serialport/stream';
import { autoDetect } from '@serialport/bindings-cpp';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BindingInterface = any; // @serialport/bindings-interface's types do not resolve under its exports map
import { frame, PROTO_VERSION } from '../../shared/protocol';
import { explainRefusal } from './refusals';
import { DeviceError } from '../cli/errors';
import { FrameParser } from './frame-parser';
import { DeviceMessage, helloSchema } from './schemas';
import type { z } from 'zod';

export type Hello = z.infer<typeof helloSchema>;

export interface LinkOptions {
  path: string;
  binding?: BindingInterface;
  timeoutMs?: number;
  retries?: number;
  /** Reopen the port after an unplug (default true). */
  reconnect?: boolean;
  /** Ask the firmware's hello on open (default true); false for a clip left at the REPL. */
  greet?: boolean;
}

/** Commands that do the same thing when repeated, so a timed-out one may be sent again. */
const RETRY_SAFE = new Set(['hello', 'get', 'set', 'logstat', 'pull', 'erase', 'stream', 'clock', 'mode', 'lock']);

export class DeviceRequestError extends DeviceError {
  constructor(
    message: string,
    readonly err: number,
    readonly code?: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (d: Record<string, unknown>) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  c: string;
}

export class DeviceLink extends EventEmitter {
  private port!: SerialPortStream;
  private parser = new FrameParser();
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private closing = false;
  hello: Hello | null = null;
  readonly timeoutMs: number;
  readonly retries: number;

  private constructor(readonly options: LinkOptions) {
    super();
    this.timeoutMs = options.timeoutMs ?? 1500;
    this.retries = options.retries ?? 2;
    this.parser.on('data', (m: DeviceMessage) => this.onMessage(m));
    this.parser.on('garbage', (g) => this.emit('garbage', g));
    this.newPort();
  }

  /** A fresh port object: after an unplug the old one can keep a dead descriptor. */
  private newPort() {
    if (this.port) {
      this.port.unpipe(this.parser);
      this.port.removeAllListeners();
      this.port.on('error', () => undefined);
    }
    const port = new SerialPortStream({
      binding: this.options.binding ?? autoDetect(),
      path: this.options.path,
      baudRate: 115200,
      autoOpen: false,
    });
    port.pipe(this.parser, { end: false });
    port.on('close', (err?: Error & { disconnected?: boolean }) => {
      if (port === this.port) this.onClose(err);
    });
    port.on('error', (err) => this.emit('warning', err));
    this.port = port;
  }

  static async open(o: LinkOptions): Promise<DeviceLink> {
    const link = new DeviceLink(o);
    await link.openPort();
    if (o.greet !== false) {
      try {
        await link.greet();
      } catch (e) {
        await link.close(); // an open port would keep the process alive after the error
        throw e;
      }
    }
    return link;
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  private openPort(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.open((err) => {
        if (!err) return resolve();
        const m = err.message;
        if (/Cannot lock port|Resource temporarily unavailable/.test(m)) {
          reject(new DeviceError(`${this.options.path} is busy: another program (another posture command?) has it open`));
        } else if (/ENOENT|No such file/.test(m)) {
          reject(new DeviceError(`no serial port at ${this.options.path}: check the cable, or run "npx posture ports"`));
        } else reject(new DeviceError(`cannot open ${this.options.path}: ${m}`));
      });
    });
  }

  /** Asks the clip for its hello again (battery, clock, log and lock change while it runs). */
  async refresh(): Promise<void> {
    await this.greet();
  }

  private async greet(quick = false) {
    let d: Record<string, unknown>;
    try {
      d = await this.request('hello', {}, quick ? { timeoutMs: 500, retries: 0 } : {});
    } catch (e) {
      if (e instanceof DeviceError && /^no reply/.test(e.message) && !this.hello) {
        throw new DeviceError(`${this.options.path} does not answer as a posture clip: if it is at the Espruino REPL (an upload cut short, or the button held at power-on), run "npx posture flash --repl --board pico" (or puck); else check the port`);
      }
      throw e;
    }
    const h = helloSchema.safeParse(d);
    if (!h.success) throw new DeviceError(`the device's hello is malformed: ${h.error.issues[0]?.message}`);
    if (h.data.proto !== PROTO_VERSION) {
      throw new DeviceError(`the device speaks protocol ${h.data.proto}, this tool ${PROTO_VERSION}: update the firmware ("npx posture flash") or the tool`);
    }
    if (this.hello && (h.data.board !== this.hello.board || h.data.imu !== this.hello.imu)) {
      throw new DeviceError('a different device was plugged in');
    }
    this.hello = h.data;
  }

  private onMessage(m: DeviceMessage) {
    if (m.kind === 'reply' || m.kind === 'error') {
      const p = this.pending.get(m.id);
      if (!p) {
        if (m.kind === 'error' && m.id === 0) this.emit('device-error', m);
        return; // a late reply to a timed-out request
      }
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.kind === 'reply') p.resolve(m.data);
      else p.reject(new DeviceRequestError(`device refused: ${explainRefusal(p.c, m.err, m.msg)}`, m.err, m.code, m.field));
      return;
    }
    this.emit(m.kind, m);
  }

  private onClose(err?: Error & { disconnected?: boolean }) {
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new DeviceError('the device was disconnected', true));
    }
    this.pending.clear();
    if (this.closing) return;
    this.emit('disconnect', err);
    // Unplugged (close with `disconnected`), or closed after a failed write (EIO): try again.
    if (this.options.reconnect !== false && !this.reconnecting) this.reconnect();
  }

  private reconnecting = false;

  private reconnect() {
    this.reconnecting = true;
    const greet = async () => {
      if (this.closing) return;
      try {
        await this.greet(true);
        this.reconnecting = false;
        this.emit('reconnect', this.hello);
      } catch (e) {
        // No answer: we may have opened a stale path before the replugged device appeared,
        // or the device end opened after us and flushed our hello. Close and start over.
        this.emit('warning', e);
        if (this.port.isOpen) this.port.close(() => setTimeout(attempt, 200));
        else setTimeout(attempt, 200);
      }
    };
    const attempt = () => {
      if (this.closing) return;
      if (this.port.isOpen) {
        this.port.close(() => setTimeout(attempt, 50));
        return;
      }
      this.newPort();
      this.port.open((err) => {
        if (err) setTimeout(attempt, 200);
        else void greet();
      });
    };
    setTimeout(attempt, 200);
  }

  /** Sends one command and resolves with the reply's data; times out and retries when safe. */
  async request(c: string, args: Record<string, unknown>, opts: { timeoutMs?: number; retries?: number } = {}): Promise<Record<string, unknown>> {
    const tries = RETRY_SAFE.has(c) ? (opts.retries ?? this.retries) + 1 : 1;
    let last: Error | null = null;
    for (let k = 0; k < tries; k++) {
      try {
        return await this.send1(c, args, opts.timeoutMs ?? this.timeoutMs);
      } catch (e) {
        last = e as Error;
        if (!(e instanceof DeviceError) || (e as DeviceError).disconnected || e instanceof DeviceRequestError) throw e;
      }
    }
    throw last!;
  }

  private send1(c: string, args: Record<string, unknown>, timeoutMs: number): Promise<Record<string, unknown>> {
    if (!this.port.isOpen) return Promise.reject(new DeviceError('the device is not connected', true));
    const id = this.nextId++;
    if (this.nextId > 2147483647) this.nextId = 1;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DeviceError(`no reply to "${c}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, c });
      this.port.write(frame(JSON.stringify({ i: id, c, ...args })));
    });
  }

  /** Raw bytes to the port (the REPL path of `posture flash`, garbage tests). */
  writeRaw(data: string | Buffer) {
    if (this.port.isOpen) this.port.write(data);
  }

  close(): Promise<void> {
    this.closing = true;
    return new Promise((resolve) => {
      if (!this.port.isOpen) return resolve();
      this.port.close(() => resolve());
    });
  }
}
