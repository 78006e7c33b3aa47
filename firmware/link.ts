// The device end of the wire protocol (shared/protocol.ts): assembles lines from the
// console device, checks each frame, validates every argument, and only then calls the app.
// Bad frames, unknown commands, bad values and over-long lines get an error reply and are
// never acted on; sampling and logging go on regardless.
import { fieldIndex, fieldName } from '../shared/config';
import { crc32 } from '../shared/crc';
import {
  ERR_ARGS, ERR_CONFIG, ERR_FRAME, ERR_LOCKED, ERR_TOO_LONG, ERR_UNKNOWN, frame, isCommand, MAX_LINE, PROTO_VERSION, unframe,
} from '../shared/protocol';
import { OUT_ACC_MOT, OUT_FLEX, OUT_LAT } from '../shared/estimator';
import { App, E_LOCKED } from './app';
import { Hal } from './hal/types';
import { P_ESCALATE } from './motor';

const MAX_PULL = 16; // records per pull reply: keeps a reply under MAX_LINE-ish memory

export function createLink(hal: Hal, app: App) {
  let buf = '', overflow = false, rawEvery = 0, rawCount = 0;

  function send(json: string) {
    hal.linkWrite(frame(json));
  }

  function reply(id: number, data: string) {
    send('{"i":' + id + ',"ok":1' + (data ? ',' + data : '') + '}');
  }

  function fail(id: number, err: number, msg: string) {
    send('{"i":' + id + ',"ok":0,"err":' + err + ',"msg":' + JSON.stringify(msg) + '}');
  }

  function isInt(v: unknown, lo: number, hi: number): boolean {
    return typeof v === 'number' && v === Math.floor(v) && v >= lo && v <= hi;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function dispatch(id: number, c: string, m: any) {
    if (c === 'hello') {
      // The config's hash: CRC-32 of its JSON, so the host can tell a changed prescription.
      const js = JSON.stringify(app.st.config);
      const jb = new Uint8Array(js.length);
      for (let i = 0; i < js.length; i++) jb[i] = js.charCodeAt(i);
      reply(id, '"proto":' + PROTO_VERSION + ',"id":"' + app.id + '","fw":"' + app.version + '","board":"' + app.board + '","imu":"' + app.imu + '","bat":' + hal.battery() + ',"clock":' + Math.floor(hal.now()) + ',"clockSet":' + (app.clockSet ? 1 : 0) + ',"cfgHash":' + crc32(jb) + ',"locked":' + (app.st.pinHash ? 1 : 0) + ',"code":' + hal.codeCrc + ',"log":' + JSON.stringify(app.log.status()));
    } else if (c === 'get') {
      reply(id, '"cfg":' + JSON.stringify(app.st.config));
    } else if (c === 'set') {
      const v = m.v;
      if (typeof v !== 'object' || v === null) return fail(id, ERR_ARGS, 'set needs "v": {name: value}');
      for (const k in v) {
        if (fieldIndex(k) < 0) return fail(id, ERR_CONFIG, 'unknown field ' + k);
        if (typeof v[k] !== 'number') return fail(id, ERR_ARGS, k + ' must be a number');
      }
      const r = app.setConfig(v, typeof m.pin === 'string' ? m.pin : '');
      if (r === E_LOCKED) return fail(id, ERR_LOCKED, 'locked: give the PIN');
      if (r) return send('{"i":' + id + ',"ok":0,"err":' + ERR_CONFIG + ',"code":' + (r >> 8) + ',"field":"' + fieldName(r & 255) + '","msg":"refused"}');
      reply(id, '"cfg":' + JSON.stringify(app.st.config));
    } else if (c === 'calibrate') {
      app.core.calibrate(hal.now(), app.st.config.calib_s * 1000);
      reply(id, '"ms":' + app.st.config.calib_s * 1000);
    } else if (c === 'stream') {
      if (!isInt(m.hz, 0, 50)) return fail(id, ERR_ARGS, 'stream needs "hz" 0..50 (0 = off)');
      const rate = app.st.config.rate_hz;
      rawEvery = m.hz ? Math.max(1, Math.round(rate / m.hz)) : 0;
      rawCount = 0;
      reply(id, '"hz":' + (m.hz ? rate / rawEvery : 0));
    } else if (c === 'clock') {
      if (!isInt(m.ms, 1e12, 1e13)) return fail(id, ERR_ARGS, 'clock needs "ms": Unix time in ms');
      const before = hal.now();
      app.setClock(m.ms);
      reply(id, '"was":' + Math.floor(before));
    } else if (c === 'logstat') {
      reply(id, '"log":' + JSON.stringify(app.log.status()));
    } else if (c === 'pull') {
      if (!isInt(m.from, 0, 4294967295)) return fail(id, ERR_ARGS, 'pull needs "from": a sequence number');
      const max = isInt(m.max, 1, MAX_PULL) ? m.max : MAX_PULL;
      const parts: Uint8Array[] = [];
      let next = m.from, total = 0, torn = 0;
      app.log.each(m.from, function (b, at, ok, seq) {
        if (parts.length >= max) return;
        if (ok) {
          parts.push(b.slice(at, at + b[at]));
          total += b[at];
        } else torn++;
        next = seq + 1;
      });
      const all = new Uint8Array(total);
      let o = 0;
      for (let i = 0; i < parts.length; i++) {
        all.set(parts[i], o);
        o += parts[i].length;
      }
      const st = app.log.status();
      reply(id, '"n":' + parts.length + ',"torn":' + torn + ',"next":' + next + ',"end":' + (next >= st.nextSeq ? 1 : 0) + ',"first":' + st.firstSeq + ',"dropped":' + st.dropped + ',"recs":"' + hal.toBase64(all) + '"');
    } else if (c === 'erase') {
      if (!isInt(m.upTo, 0, 4294967295)) return fail(id, ERR_ARGS, 'erase needs "upTo": the last sequence the host holds');
      const n = app.log.eraseUpTo(m.upTo);
      reply(id, '"files":' + n + ',"first":' + app.log.status().firstSeq);
    } else if (c === 'snooze') {
      if (!isInt(m.min, 1, 240)) return fail(id, ERR_ARGS, 'snooze needs "min" 1..240');
      app.snooze(m.min);
      reply(id, '');
    } else if (c === 'mode') {
      if (m.m !== 0 && m.m !== 1) return fail(id, ERR_ARGS, 'mode needs "m": 0 training, 1 tracking');
      if ((app.st.pinHash ? 1 : 0) && app.setConfig({ mode: m.m }, typeof m.pin === 'string' ? m.pin : '') === E_LOCKED) return fail(id, ERR_LOCKED, 'locked: give the PIN');
      app.setMode(m.m);
      reply(id, '');
    } else if (c === 'reset') {
      if (app.factoryReset(typeof m.pin === 'string' ? m.pin : '') === E_LOCKED) return fail(id, ERR_LOCKED, 'locked: give the PIN');
      reply(id, '');
    } else if (c === 'motor') {
      reply(id, '"ms":' + app.motor.play(P_ESCALATE, app.st.config.motor_pct));
    } else if (c === 'lock') {
      const pin = m.pin;
      if (typeof pin !== 'string' || (pin !== '' && !/^[0-9]{4,8}$/.test(pin))) return fail(id, ERR_ARGS, 'lock needs "pin": 4-8 digits, or "" to unlock');
      if (app.lock(pin, typeof m.old === 'string' ? m.old : '') === E_LOCKED) return fail(id, ERR_LOCKED, 'locked: give the old PIN');
      reply(id, '"locked":' + (app.st.pinHash ? 1 : 0));
    } else if (c === 'repl') {
      // The REPL can change anything, so the lock guards it like a config change.
      if ((app.st.pinHash ? 1 : 0) && app.setConfig({}, typeof m.pin === 'string' ? m.pin : '') === E_LOCKED) return fail(id, ERR_LOCKED, 'locked: give the PIN');
      reply(id, '');
      hal.repl();
    }
  }

  function line(l: string) {
    if (l.charCodeAt(l.length - 1) === 13) l = l.substring(0, l.length - 1);
    if (!l) return;
    const json = unframe(l);
    if (json === null) return fail(0, ERR_FRAME, 'bad frame: expected <json>|<crc32 hex>');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let m: any;
    try {
      m = JSON.parse(json);
    } catch (e) {
      return fail(0, ERR_FRAME, 'not JSON');
    }
    if (typeof m !== 'object' || m === null || !isInt(m.i, 1, 2147483647)) return fail(0, ERR_ARGS, 'needs "i": a request id 1..2^31-1');
    if (!isCommand(m.c)) return fail(m.i, ERR_UNKNOWN, 'unknown command');
    try {
      dispatch(m.i, m.c, m);
    } catch (e) {
      fail(m.i, ERR_ARGS, 'failed: ' + e);
    }
  }

  hal.linkOnData(function (d) {
    buf += d;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const l = buf.substring(0, i);
      buf = buf.substring(i + 1);
      if (overflow || l.length > MAX_LINE) {
        overflow = false;
        fail(0, ERR_TOO_LONG, 'line longer than ' + MAX_LINE);
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
      send('{"x":[' + Math.floor(t - (n - 1 - k) * dt) + ',' + acc[j] + ',' + acc[j + 1] + ',' + acc[j + 2] + ',' + gyr[j] + ',' + gyr[j + 1] + ',' + gyr[j + 2] + ']}');
    }
  };


}
