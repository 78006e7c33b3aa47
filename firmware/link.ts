// The device end of the wire protocol (shared/protocol.ts): assembles lines from the
// console device, checks each frame, validates every argument, and only then calls the app.
// Bad frames, unknown commands, bad values and over-long lines get an error reply and are
// never acted on; sampling and logging go on regardless.
//
// A refusal names what was wrong in a word (the argument, the field); the host turns it
// into a sentence (host/link/refusals.ts), so the sentences cost no flash on the clip.
import { fieldIndex, fieldName } from '../shared/config';
import { crc32 } from '../shared/crc';
import {
  ERR_ARGS, ERR_CONFIG, ERR_FRAME, ERR_LOCKED, ERR_STATE, ERR_TOO_LONG, ERR_UNKNOWN, frame, isCommand, MAX_LINE, PROTO_VERSION, unframe,
} from '../shared/protocol';
import { OUT_ACC_MOT, OUT_FLEX, OUT_LAT } from '../shared/estimator';
import { App, E_LOCKED, E_STORAGE } from './app';
import { Hal } from './hal/types';
import { P_ESCALATE } from './motor';

const MAX_PULL = 16; // records per pull reply: keeps a reply under MAX_LINE-ish memory
const U32 = 4294967295;

/** Thrown by a check with the refusal's code and word; anything else thrown is a failure. */
interface Refusal {
  err: number;
  msg: string;
}

export function createLink(hal: Hal, app: App) {
  let buf = '', overflow = false, rawEvery = 0, rawCount = 0;

  function send(json: string) {
    hal.linkWrite(frame(json));
  }

  function fail(id: number, err: number, msg: string) {
    send('{"i":' + id + ',"ok":0,"err":' + err + ',"msg":' + JSON.stringify(msg) + '}');
  }

  function refuse(err: number, msg: string): never {
    throw { err: err, msg: msg } as Refusal;
  }

  /** The integer argument k of m within lo..hi, or a refusal naming k. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function int(m: any, k: string, lo: number, hi: number): number {
    const v = m[k];
    if (typeof v !== 'number' || v !== Math.floor(v) || v < lo || v > hi) refuse(ERR_ARGS, k);
    return v;
  }

  /** Refuses when the lock (no valid PIN in pinArg) or a full Storage stopped a change. */
  function guard(r: number, pinArg: string) {
    if (r === E_LOCKED) refuse(ERR_LOCKED, pinArg);
    if (r === E_STORAGE) refuse(ERR_STATE, 'storage');
  }

  // Returns the reply's data as an object (sent as JSON with i and ok added), or null.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function dispatch(c: string, m: any, pin: string): any {
    const st = app.st;
    if (c === 'hello') {
      return {
        proto: PROTO_VERSION, id: app.id, fw: app.version, board: app.board, imu: app.imu, bat: hal.battery(),
        clock: Math.floor(hal.now()), clockSet: app.clockSet ? 1 : 0,
        // The prescription's hash (CRC-32 of its JSON), so the host can tell a changed one.
        cfgHash: crc32(JSON.stringify(st.config)), locked: st.pinHash ? 1 : 0, code: hal.codeCrc, esp: hal.esp, rate: hal.clockRate, log: app.log.status(),
        hrs: app.hours.status(),
      };
    }
    if (c === 'set') {
      const v = m.v;
      if (typeof v !== 'object' || v === null) refuse(ERR_ARGS, 'v');
      for (const k in v) {
        if (fieldIndex(k) < 0) refuse(ERR_CONFIG, k);
        if (typeof v[k] !== 'number') refuse(ERR_ARGS, k);
      }
      const r = app.setConfig(v, pin);
      guard(r, 'pin');
      if (r) throw { err: ERR_CONFIG, msg: 'refused', code: r >> 8, field: fieldName(r & 255) };
    }
    if (c === 'get' || c === 'set') return { cfg: st.config };
    if (c === 'calibrate') {
      app.core.calibrate(hal.now(), st.config.calib_s * 1000);
      return { ms: st.config.calib_s * 1000 };
    }
    if (c === 'stream') {
      const hz = int(m, 'hz', 0, 50);
      const rate = st.config.rate_hz;
      rawEvery = hz ? Math.max(1, Math.round(rate / hz)) : 0;
      app.live = rawEvery > 0; // a streaming clip keeps sampling even off the body
      if (app.live) app.wake(1); // and one lying on the desk wakes now
      rawCount = 0;
      return { hz: hz ? rate / rawEvery : 0 };
    }
    if (c === 'clock') {
      const ms = int(m, 'ms', 1e12, 1e13);
      // tz: the host's UTC offset, minutes (an older host sends none: times of day unknown).
      const tz = m.tz === undefined ? undefined : int(m, 'tz', -840, 840);
      const before = hal.now();
      app.setClock(ms, tz);
      return { was: Math.floor(before) };
    }
    if (c === 'logstat') return { log: app.log.status(), hrs: app.hours.status() };
    // pull and erase: h 1 = the hourly ring, else the minutes and events (no other command takes h).
    const ring = (c === 'pull' || c === 'erase') && m.h !== undefined && int(m, 'h', 0, 1) ? app.hours : app.log;
    if (c === 'pull') {
      const from = int(m, 'from', 0, U32);
      const max = m.max === undefined ? MAX_PULL : int(m, 'max', 1, MAX_PULL); // absent: the most
      const parts: Uint8Array[] = [];
      let next = from, total = 0, torn = 0;
      ring.each(from, function (b, at, ok, seq) {
        if (parts.length >= max) return true;
        if (ok) {
          parts.push(b.slice(at, at + b[at]));
          total += b[at];
        } else torn++;
        next = seq + 1;
      });
      const all = new Uint8Array(total);
      for (let i = 0, o = 0; i < parts.length; o += parts[i++].length) all.set(parts[i], o);
      const s = ring.status();
      return { n: parts.length, torn: torn, next: next, end: next >= s.nextSeq ? 1 : 0, first: s.firstSeq, dropped: s.dropped, recs: hal.toBase64(all) };
    }
    if (c === 'erase') {
      const n = ring.eraseUpTo(int(m, 'upTo', 0, U32));
      return { files: n, first: ring.status().firstSeq };
    }
    if (c === 'snooze') app.snooze(int(m, 'min', 1, 240));
    if (c === 'mode') {
      const md = int(m, 'm', 0, 1);
      if (st.pinHash) guard(app.setConfig({ mode: md }, pin), 'pin');
      app.setMode(md);
    }
    if (c === 'reset') guard(app.factoryReset(pin), 'pin');
    if (c === 'motor') return { ms: app.motor.play(P_ESCALATE, st.config.motor_pct) };
    if (c === 'lock') {
      const p = m.pin;
      // 4-8 digits, or '' to unlock. A loop, not a RegExp: Espruino's has no {4,8}.
      let bad = typeof p !== 'string' || (p !== '' && (p.length < 4 || p.length > 8));
      for (let i = 0; !bad && i < p.length; i++) bad = p.charCodeAt(i) < 48 || p.charCodeAt(i) > 57;
      if (bad) refuse(ERR_ARGS, 'pin');
      guard(app.lock(p, typeof m.old === 'string' ? m.old : ''), 'old');
      return { locked: app.st.pinHash ? 1 : 0 };
    }
    // The REPL can change anything, so the lock guards it like a config change.
    if (c === 'repl' && st.pinHash) guard(app.setConfig({}, pin), 'pin');
    return null;
  }

  function line(l: string) {
    if (l.charCodeAt(l.length - 1) === 13) l = l.substring(0, l.length - 1);
    if (!l) return;
    const json = unframe(l);
    if (json === null) return fail(0, ERR_FRAME, 'frame');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let m: any;
    try {
      m = JSON.parse(json);
    } catch (e) {
      return fail(0, ERR_FRAME, 'json');
    }
    if (typeof m !== 'object' || m === null || typeof m.i !== 'number' || m.i !== Math.floor(m.i) || m.i < 1 || m.i > 2147483647) return fail(0, ERR_ARGS, 'i');
    const id = m.i;
    if (!isCommand(m.c)) return fail(id, ERR_UNKNOWN, 'c');
    let d;
    try {
      d = dispatch(m.c, m, typeof m.pin === 'string' ? m.pin : '') || {};
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const r = e as any;
      if (!r || !r.err) return fail(id, ERR_ARGS, 'failed: ' + e);
      r.i = id;
      r.ok = 0;
      return send(JSON.stringify(r));
    }
    d.i = id;
    d.ok = 1;
    send(JSON.stringify(d));
    if (m.c === 'repl') hal.repl();
  }

  hal.linkOnData(function (d) {
    buf += d;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const l = buf.substring(0, i);
      buf = buf.substring(i + 1);
      if (overflow || l.length > MAX_LINE) {
        overflow = false;
        fail(0, ERR_TOO_LONG, 'line');
      } else line(l);
    }
    if (buf.length > MAX_LINE) {
      buf = '';
      overflow = true;
    }
  });

  app.onEvent = function (type, t, a, b) {
    send('{"e":' + type + ',"t":' + Math.floor(t) + ',"a":' + a + ',"b":' + b + '}');
  };

  app.onBlock = function (t, acc, gyr, n, state) {
    if (!rawEvery) return;
    const o = app.core.est.out;
    app.core.est.angles();
    send('{"s":[' + Math.floor(t) + ',' + o[OUT_FLEX] + ',' + o[OUT_LAT] + ',' + state + ',' + o[OUT_ACC_MOT] + ']}');
    const dt = 1000 / app.st.config.rate_hz;
    for (let k = 0; k < n; k++) {
      if (rawCount++ % rawEvery) continue;
      const j = 3 * k;
      // A block from before the stream woke the gyro has none: zeros, as a resting gyro reads.
      send('{"x":[' + Math.floor(t - (n - 1 - k) * dt) + ',' + acc[j] + ',' + acc[j + 1] + ',' + acc[j + 2] + ',' + (gyr ? gyr[j] + ',' + gyr[j + 1] + ',' + gyr[j + 2] : '0,0,0') + ']}');
    }
  };
}
