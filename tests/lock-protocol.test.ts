// The therapist lock over the protocol: every command, sent to a locked clip without the PIN,
// either is harmless or is refused; none changes the prescription or opens the REPL.
import { describe, expect, it } from 'vitest';
import { createVirtualDevice } from '../host/sim/virtual-device';
import { COMMANDS, frame, isCommand, unframe } from '../shared/protocol';

function ask(dev: ReturnType<typeof createVirtualDevice>, msg: object) {
  const before = dev.output.length;
  dev.input(frame(JSON.stringify(msg)));
  const lines = dev.output.slice(before).join('').split('\n').map((l) => unframe(l.trim())).filter(Boolean);
  return lines.map((l) => JSON.parse(l!)).find((m) => m.i === (msg as { i: number }).i);
}

describe('command names', () => {
  it('knows exactly the listed commands', () => {
    expect(COMMANDS).toHaveLength(15);
    for (const c of COMMANDS) expect(isCommand(c), c).toBe(true);
    for (const c of ['', ' ', 'hel', 'hello get', 'get ', 'GET', 'repl2', 3, null, undefined]) expect(isCommand(c), String(c)).toBe(false);
  });
});

describe('the therapist lock over the protocol', () => {
  it('holds against every command without the PIN', () => {
    const dev = createVirtualDevice({ speed: 0 });
    expect(ask(dev, { i: 1, c: 'lock', pin: '2468' }).ok).toBe(1);
    const cfg = JSON.stringify(ask(dev, { i: 2, c: 'get' }).cfg);
    const args: Record<string, object> = {
      set: { v: { threshold_deg: 30 } }, mode: { m: 1 }, reset: {}, lock: { pin: '1111' }, repl: {},
      stream: { hz: 1 }, clock: { ms: 1_790_000_000_000 }, pull: { from: 0 }, erase: { upTo: 0 }, snooze: { min: 5 },
    };
    const refused: string[] = [];
    let i = 10;
    for (const c of COMMANDS) {
      const r = ask(dev, { i: ++i, c, ...(args[c] ?? {}) });
      expect(r, c).toBeDefined();
      if (r.ok === 0) {
        expect(r.err, c).toBe(6);
        refused.push(c);
      }
    }
    expect(refused.sort()).toEqual(['lock', 'mode', 'repl', 'reset', 'set']);
    expect(dev.env.repl()).toBe(false);
    expect(JSON.stringify(ask(dev, { i: 99, c: 'get' }).cfg)).toBe(cfg);
    expect(ask(dev, { i: 100, c: 'hello' }).locked).toBe(1);
    // With the PIN the REPL opens.
    expect(ask(dev, { i: 101, c: 'repl', pin: '2468' }).ok).toBe(1);
    expect(dev.env.repl()).toBe(true);
  });
});

describe('a config change Storage cannot keep (the real bundle)', () => {
  it('is refused with "state"/"storage", and the prescription stays as it was', () => {
    const dev = createVirtualDevice({ speed: 0 });
    const cfg = JSON.stringify(ask(dev, { i: 1, c: 'get' }).cfg);
    // Something else took every byte; the log has only its current file, nothing to give up.
    dev.storage.write('other', new Uint8Array(1), 0, dev.storage.free() - 32);
    expect(ask(dev, { i: 2, c: 'set', v: { threshold_deg: 22 } })).toMatchObject({ ok: 0, err: 7, msg: 'storage' });
    expect(ask(dev, { i: 3, c: 'lock', pin: '2468' })).toMatchObject({ ok: 0, err: 7, msg: 'storage' });
    expect(JSON.stringify(ask(dev, { i: 4, c: 'get' }).cfg)).toBe(cfg);
    expect(ask(dev, { i: 5, c: 'hello' }).locked).toBe(0);
    dev.storage.erase('other');
    expect(ask(dev, { i: 6, c: 'set', v: { threshold_deg: 22 } }).ok).toBe(1);
  });
});
