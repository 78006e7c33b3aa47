// The clip the console holds: one link for the whole visit (the command functions run on it,
// one at a time), the port marked as in use, and the live stream fanned out to the page.
import { EventEmitter } from 'node:events';
import { DeviceError } from '../cli/errors';
import { holdLink } from '../commands/device';
import { simulateCommand } from '../commands/simulate/index';
import { DeviceLink } from '../link/device-link';
import { holdPort } from '../link/port-lock';

export const VIRTUAL = 'virtual';

/** What the page hears live: block samples, raw samples, events, pull progress, link state. */
export type LiveMessage =
  | { kind: 'sample'; t: number; flex: number; lat: number; state: number; motion: number }
  | { kind: 'raw'; t: number }
  | { kind: 'event'; type: number; t: number; a: number; b: number }
  | { kind: 'progress'; records: number; total: number }
  | { kind: 'link'; connected: boolean; path: string | null };

export interface ClipSession {
  readonly path: string | null;
  readonly virtual: boolean;
  /** The virtual clip's device, when the session started one. */
  readonly device: Awaited<ReturnType<typeof simulateCommand>>['device'] | null;
  live: EventEmitter;
  connect(port: string): Promise<void>;
  disconnect(): Promise<void>;
  /** Raw samples at hz (1..50; 0 stops), with block samples and events. */
  stream(hz: number): Promise<void>;
  close(): Promise<void>;
}

export function createClipSession(o: { url: () => string; cwd: string }): ClipSession {
  const live = new EventEmitter();
  live.setMaxListeners(50);
  let link: DeviceLink | null = null;
  let release: (() => void) | null = null;
  let sim: Awaited<ReturnType<typeof simulateCommand>> | null = null;
  let streamingHz = 0;
  let path: string | null = null;

  const send = (m: LiveMessage) => live.emit('message', m);

  async function disconnect() {
    holdLink(null);
    const l = link;
    link = null;
    path = null;
    streamingHz = 0;
    if (l?.isOpen) {
      await l.request('stream', { hz: 0 }).catch(() => undefined);
      await l.close();
    }
    release?.();
    release = null;
    if (sim) await sim.stop();
    sim = null;
    send({ kind: 'link', connected: false, path: null });
  }

  async function connect(port: string) {
    await disconnect();
    let target = port;
    if (port === VIRTUAL) {
      sim = await simulateCommand({ cwd: o.cwd, scenario: 'office-day', speed: 1 });
      target = sim.path;
    }
    try {
      release = holdPort(target, o.url());
      const l = await DeviceLink.open({ path: target, reconnect: true, greet: true });
      link = l;
      path = target;
      l.on('sample', (s: { t: number; flex: number; lat: number; state: number; motion: number }) => send({ kind: 'sample', t: s.t, flex: s.flex, lat: s.lat, state: s.state, motion: s.motion }));
      l.on('raw', (m: { t: number }) => send({ kind: 'raw', t: m.t }));
      l.on('event', (e: { type: number; t: number; a: number; b: number }) => send({ kind: 'event', type: e.type, t: e.t, a: e.a, b: e.b }));
      l.on('disconnect', () => send({ kind: 'link', connected: false, path: target }));
      l.on('reconnect', () => {
        send({ kind: 'link', connected: true, path: target });
        // A replugged clip forgets the stream it was asked for.
        if (streamingHz) void l.request('stream', { hz: streamingHz }).catch(() => undefined);
      });
      holdLink(l);
      send({ kind: 'link', connected: true, path: target });
    } catch (e) {
      await disconnect();
      throw e;
    }
  }

  return {
    get path() {
      return path;
    },
    get virtual() {
      return sim !== null;
    },
    get device() {
      return sim?.device ?? null;
    },
    live,
    connect,
    disconnect,
    async stream(hz: number) {
      if (!link) throw new DeviceError('no clip is open: pick one first');
      await link.request('stream', { hz });
      streamingHz = hz;
    },
    close: disconnect,
  };
}
