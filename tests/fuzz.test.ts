// Hostile input, generated: fast-check properties plus seeded random byte streams against
// every parser at a boundary. Each target runs a fixed budget here; `npm run fuzz` multiplies
// it (FUZZ_SCALE) and prints the totals. Invariants: no crash, no hang, nothing accepted that
// was not sent, and bad input always answered with the documented error.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyAssignments } from '../host/cli/args';
import { InputError, UsageError } from '../host/cli/errors';
import { readPrescription } from '../host/commands/config/prescription';
import { FrameParser } from '../host/link/frame-parser';
import { classify, DeviceMessage } from '../host/link/schemas';
import { parseSamplesCsv } from '../host/replay/samples-csv';
import { cell } from '../host/export/csv';
import { checkConfig, defaultConfig } from '../shared/config';
import { ERR_ARGS, ERR_FRAME, ERR_TOO_LONG, ERR_UNKNOWN, frame, MAX_LINE, unframe } from '../shared/protocol';
import { createVirtualDevice } from '../host/sim/virtual-device';
import { record, tally } from './helpers/fuzz-tally';
import { openDeviceArchive } from '../host/archive/archive';
import { readRecords } from '../host/archive/reader';
import { writeSyntheticArchive } from '../host/sim/synthetic-archive';
import { recordOk } from '../shared/log-format';
import { detokenise, pretokenise } from '../firmware/build/pretokenise';
import { es5Expressions } from './helpers/es5-expressions';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const dir = mkdtempSync(join(tmpdir(), 'posture-fuzz-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  tally();
});

/** A seeded PRNG, so a failing byte stream can be replayed from its seed. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
}

const deviceMessage = fc.oneof(
  fc.record({ e: fc.integer({ min: 0, max: 255 }), t: fc.integer({ min: 0, max: 2 ** 42 }), a: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), b: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) }),
  fc.record({ s: fc.tuple(fc.integer({ min: 0, max: 2 ** 42 }), fc.integer({ min: -1800, max: 1800 }), fc.integer({ min: -1800, max: 1800 }), fc.integer({ min: 0, max: 5 }), fc.nat(10000)) }),
  fc.record({ i: fc.integer({ min: 1, max: 2 ** 31 - 1 }), ok: fc.constant(1) }),
);

function parse(chunks: Buffer[]): { got: DeviceMessage[]; bad: string[] } {
  const p = new FrameParser();
  const got: DeviceMessage[] = [];
  const bad: string[] = [];
  p.on('data', (m: DeviceMessage) => got.push(m));
  p.on('garbage', (g: { why: string }) => bad.push(g.why));
  for (const c of chunks) p.write(c);
  return { got, bad };
}

describe('fuzz: the host frame parser and message validation', () => {
  it('passes every whole frame, in order, and nothing else, whatever is around and however it is split', () => {
    let frames = 0, bytes = 0;
    const t0 = performance.now();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(deviceMessage.map((m) => ({ ok: true as const, m })), fc.uint8Array({ maxLength: 200 }).map((g) => ({ ok: false as const, g }))), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (items, cuts) => {
          // Garbage always ends its line, so every frame starts a line of its own.
          const text = Buffer.concat(items.map((x) => (x.ok ? Buffer.from(frame(JSON.stringify(x.m)), 'latin1') : Buffer.concat([Buffer.from(x.g.map((b) => (b === 10 ? 32 : b))), Buffer.from('\n')]))));
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let last = 0;
          for (const p of [...points, text.length]) {
            chunks.push(text.subarray(last, p));
            last = p;
          }
          const { got } = parse(chunks);
          // Exactly the frames whose message validates (an event type 0, say, does not).
          const sent = items.filter((x) => x.ok).map((x) => classify((x as { m: object }).m)).filter(Boolean);
          expect(got).toEqual(sent);
          frames += sent.length;
          bytes += text.length;
        },
      ),
      { numRuns: runs(300), seed: 42 },
    );
    record('host frame parser', frames, bytes, performance.now() - t0);
  });

  it('survives a seeded random byte stream: no crash, every accepted frame is valid', () => {
    const rnd = prng(7);
    const t0 = performance.now();
    const total = runs(400_000);
    const junk = Buffer.alloc(total);
    for (let i = 0; i < total; i++) junk[i] = rnd() < 0.02 ? 10 : rnd() < 0.1 ? '{}|"0123456789abcdef'.charCodeAt(Math.floor(rnd() * 20)) : Math.floor(rnd() * 256);
    const good = frame('{"e":1,"t":5,"a":0,"b":0}');
    const { got, bad } = parse([junk, Buffer.from('\n' + good)]);
    // The stream's only real frame arrives; random bytes never pass a CRC-32, JSON and schema.
    expect(got).toEqual([{ kind: 'event', type: 1, t: 5, a: 0, b: 0 }]);
    expect(bad.length).toBeGreaterThan(0);
    record('host frame parser, random bytes', 1, total, performance.now() - t0);
  });

  it('unframe accepts exactly what frame makes', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.string({ maxLength: 20 }), (json, tail) => {
      const f = frame(json).slice(0, -1);
      expect(unframe(f)).toBe(json);
      if (tail) expect(unframe(f + tail)).toBeNull();
    }), { numRuns: runs(500), seed: 3 });
  });
});

describe('fuzz: the device command parser, in the real bundle on the virtual device', () => {
  const DOCUMENTED = new Set([ERR_FRAME, ERR_TOO_LONG, ERR_ARGS, ERR_UNKNOWN, 4, 5, 6, 7]);
  const commands = ['hello', 'get', 'set', 'calibrate', 'stream', 'clock', 'logstat', 'pull', 'snooze', 'mode', 'reset', 'motor', 'lock', 'repl', 'erase', 'nope', ''];
  const request = fc.record({
    i: fc.oneof(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 1.5, '7', null)),
    c: fc.oneof(fc.constantFrom(...commands), fc.string({ maxLength: 12 })),
    v: fc.option(fc.dictionary(fc.constantFrom('threshold_deg', 'mode', 'x', '__proto__', 'rate_hz'), fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)))),
    pin: fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.integer())),
    hz: fc.option(fc.oneof(fc.integer({ min: -5, max: 100 }), fc.string())),
    ms: fc.option(fc.oneof(fc.integer(), fc.double(), fc.string())),
    from: fc.option(fc.oneof(fc.integer(), fc.string())),
    min: fc.option(fc.oneof(fc.integer(), fc.string())),
    m: fc.option(fc.oneof(fc.integer(), fc.string())),
    h: fc.option(fc.oneof(fc.integer({ min: -1, max: 2 }), fc.string(), fc.constant(null))),
    upTo: fc.option(fc.oneof(fc.integer(), fc.string())),
  }, { requiredKeys: ['i', 'c'] });

  it('answers every line once, with a valid frame and a documented code, and keeps the locked prescription', () => {
    const dev = createVirtualDevice({ speed: 0 });
    const send = (s: string) => {
      const before = dev.output.length;
      dev.input(s);
      return dev.output.slice(before).join('').split('\n').filter(Boolean);
    };
    const lock = send(frame('{"i":1,"c":"lock","pin":"2468"}'));
    expect(JSON.parse(unframe(lock[0])!)).toMatchObject({ i: 1, ok: 1 });
    const cfg = unframe(send(frame('{"i":2,"c":"get"}'))[0]);
    let lines = 0;
    const t0 = performance.now();
    fc.assert(
      fc.property(fc.oneof(
        request.map((r) => frame(JSON.stringify(r))),
        fc.string({ maxLength: 80 }).map((s) => s.replace(/\n/g, ' ') + '\n'),
        fc.string({ maxLength: 60 }).map((s) => frame(s.replace(/\n/g, ' '))),
        fc.integer({ min: MAX_LINE + 1, max: 3 * MAX_LINE }).map((n) => 'x'.repeat(n) + '\n'),
      ), (line) => {
        const out = send(line);
        const replies = out.map((l) => {
          const json = unframe(l);
          expect(json, l).not.toBeNull();
          const m = JSON.parse(json!);
          expect(classify(m), l).not.toBeNull();
          return m;
        }).filter((m) => 'ok' in m);
        // An empty line is ignored (terminals send them); every other line gets one answer.
        expect(replies.length, line).toBe(line.replace(/\r?\n$/, '') === '' ? 0 : 1);
        if (!replies.length) return;
        if (replies[0].ok === 0) expect(DOCUMENTED.has(replies[0].err), JSON.stringify(replies[0])).toBe(true);
        lines++;
      }),
      { numRuns: runs(400), seed: 11 },
    );
    // Still alive, still locked, prescription unchanged.
    const hello = JSON.parse(unframe(send(frame('{"i":3,"c":"hello"}'))[0])!);
    expect(hello).toMatchObject({ i: 3, ok: 1, locked: 1 });
    expect(unframe(send(frame('{"i":2,"c":"get"}'))[0])).toBe(cfg);
    record('device command parser (real bundle)', lines, 0, performance.now() - t0);
  });
});

describe('fuzz: config and prescription parsers', () => {
  it('name=value assignments: a valid config or a UsageError naming the problem', () => {
    const assignment = fc.oneof(
      fc.tuple(fc.constantFrom('threshold_deg', 'hysteresis_deg', 'rate_hz', 'alert_delay_s', 'mode', 'nope', 'Threshold'), fc.oneof(fc.double().map(String), fc.integer({ min: -5, max: 4000 }).map(String), fc.string({ maxLength: 6 })))
        .map(([k, v]) => `${k}=${v}`),
      fc.string({ maxLength: 20 }),
    );
    let n = 0;
    fc.assert(fc.property(fc.array(assignment, { maxLength: 4 }), (as) => {
      n++;
      try {
        expect(checkConfig(applyAssignments(defaultConfig(), as))).toBe(0);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        expect((e as Error).message).toMatch(/^--set/);
      }
    }), { numRuns: runs(1000), seed: 5 });
    record('config assignments', n, 0, 0);
  });

  it('prescription files: accepted or an InputError naming the file', () => {
    const file = join(dir, 'p.json');
    let n = 0;
    fc.assert(fc.property(fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ schema: fc.constantFrom('posture-prescription', 'x'), version: fc.constantFrom(1, 2, '1'), config: fc.dictionary(fc.constantFrom('threshold_deg', 'mode', 'bogus'), fc.jsonValue()) }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 50 }),
    ), (text) => {
      n++;
      writeFileSync(file, text);
      try {
        const c = readPrescription(file);
        expect(typeof c).toBe('object');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as Error).message).toContain(file);
      }
    }), { numRuns: runs(500), seed: 9 });
    record('prescription files', n, 0, 0);
  });
});

describe('fuzz: CSV readers and writers', () => {
  const valid = 't_ms,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps\n' + Array.from({ length: 20 }, (_, i) => `${i * 40},0.9,0.01,0.4,1,2,3`).join('\n') + '\n';

  it('samples CSV: a recording or an InputError with the line at fault, for mutated and random text', () => {
    let n = 0;
    const t0 = performance.now();
    fc.assert(fc.property(fc.oneof(
      fc.tuple(fc.nat(valid.length), fc.string({ maxLength: 8 }), fc.nat(6)).map(([at, ins, del]) => valid.slice(0, at) + ins + valid.slice(at + del)),
      fc.string({ maxLength: 200 }),
    ), (text) => {
      n++;
      try {
        const r = parseSamplesCsv(text, 'fuzz.csv');
        expect(r.n).toBeGreaterThan(0);
        for (let i = 1; i < r.n; i++) expect(r.t[i]).toBeGreaterThanOrEqual(r.t[i - 1]);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as Error).message).toMatch(/^fuzz\.csv(: | line \d+: )/);
      }
    }), { numRuns: runs(2000), seed: 13 });
    record('samples CSV reader', n, 0, performance.now() - t0);
  });

  it('export cells: RFC 4180 round trip, and no text cell can start a formula', () => {
    const unquote = (c: string) => (c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c);
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      const c = cell(s);
      const back = unquote(c);
      expect(/^[=+\-@]/.test(back)).toBe(false);
      expect(back === s || back === `'${s}`).toBe(true);
      if (/[",\r\n]/.test(s)) expect(c.startsWith('"')).toBe(true);
    }), { numRuns: runs(2000), seed: 17 });
  });
});

describe('fuzz: the archive reader and its repair', () => {
  const src = join(dir, 'src');
  writeSyntheticArchive(src, { id: '00000001', days: 1, start: Date.UTC(2026, 10, 2), from: 9, to: 10 });
  const original = new Uint8Array(readFileSync(join(src, '00000001', 'records.bin')));
  const spans: [number, number][] = [];
  for (let o = 0; o < original.length; o += original[o]) spans.push([o, o + original[o]]);
  const seqAt = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset + o).getUint32(2, true);

  it('flipped, inserted and cut bytes: the reader refuses with the byte, the repair keeps every whole record', () => {
    let n = 0, k = 0;
    const t0 = performance.now();
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
      fc.option(fc.tuple(fc.nat(original.length), fc.uint8Array({ minLength: 1, maxLength: 40 }))),
      fc.option(fc.nat(original.length)),
      (flips, insert, cut) => {
        const b = new Uint8Array(original);
        for (const [at, x] of flips) b[at] ^= x;
        const damaged = (x: number, y: number) => flips.some(([at]) => at >= x && at < y) || (insert !== null && insert[0] > x && insert[0] < y) || (cut !== null && cut < y);
        let bytes = b;
        if (insert) bytes = new Uint8Array([...b.subarray(0, insert[0]), ...insert[1], ...b.subarray(insert[0])]);
        if (cut !== null) bytes = bytes.subarray(0, cut + (insert && insert[0] <= cut ? insert[1].length : 0));
        const id = (++k).toString(16).padStart(8, '0');
        mkdirSync(join(dir, 'fz', id), { recursive: true });
        const bin = join(dir, 'fz', id, 'records.bin');
        writeFileSync(bin, bytes);
        // The strict reader: every record or a clear error, never a wrong record.
        const read: number[] = [];
        try {
          for (const r of readRecords(bin)) read.push(seqAt(r, 0));
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as Error).message).toMatch(/(corrupt record at a byte near \d+|bytes of a torn record at the end): give --repair/);
        }
        // The repair: whatever survived whole is still there, in order, and the file is clean.
        const a = openDeviceArchive(join(dir, 'fz'), id);
        const after = new Uint8Array(readFileSync(bin));
        const seqs: number[] = [];
        for (let o = 0; o < after.length; o += after[o]) {
          expect(recordOk(after, o)).toBe(1);
          seqs.push(seqAt(after, o));
        }
        const intact = spans.filter(([x, y]) => !damaged(x, y)).map(([x]) => seqAt(original, x));
        for (const s2 of intact) expect(seqs).toContain(s2);
        expect([...seqs].sort((p, q) => p - q)).toEqual(seqs);
        expect(a.state().records).toBe(seqs.length);
        n++;
      },
    ), { numRuns: runs(150), seed: 21 });
    record('archive reader and repair', n, 0, performance.now() - t0);
  });
});

describe('pretokenised code (what posture flash stores)', () => {
  // Random ES5 expressions (tests/helpers/es5-expressions.ts): the code must mean what its
  // text meant, and bytes that are not tokens must never pass for code.
  const run = (code: string) => {
    const o = { x: 3, in: 'k', default: -2 };
    try {
      return JSON.stringify(new Function('o', 'a', 'b', 'of', 'let', 'static', `return [${code}]`)(o, 7, -5, 11, 13, 17));
    } catch (e) {
      return 'throws ' + (e as Error).name;
    }
  };

  it('means what the text meant, for any expression', () => {
    const t0 = performance.now();
    let n = 0, bytes = 0;
    fc.assert(fc.property(fc.array(es5Expressions(), { minLength: 1, maxLength: 4 }), (es) => {
      const src = `var r=[${es.join(',')}];r.length`;
      const tok = pretokenise(src);
      bytes += tok.length;
      n++;
      expect(pretokenise(detokenise(tok))).toBe(tok);
      expect(run(detokenise(tok).replace(/^var r=\[/, '').replace(/\];r\.length$/, ''))).toBe(run(es.join(',')));
    }), { numRuns: runs(300), seed: 31 });
    record('pretokenise round trip', n, bytes, performance.now() - t0);
  });

  it('answers any byte string with code or a clear error', () => {
    const t0 = performance.now();
    let n = 0, bytes = 0;
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      const s = Buffer.from(b).toString('latin1');
      bytes += b.length;
      n++;
      try {
        expect(typeof detokenise(s)).toBe('string');
      } catch (e) {
        expect((e as Error).message).toMatch(/^detokenise: (byte 0x[0-9a-f]+ at \d+ is no Espruino token|a string at \d+ runs past the end|unterminated string at \d+)$/);
      }
    }), { numRuns: runs(2000), seed: 32 });
    record('detokenise, random bytes', n, bytes, performance.now() - t0);
  });
});
