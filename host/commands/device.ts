// Opening the clip for a command: --port or the only Espruino-looking serial port.
import { autoDetect } from '@serialport/bindings-cpp';
import { DeviceError, UsageError } from '../cli/errors';
import { DeviceLink } from '../link/device-link';
import { refuseIfHeld } from '../link/port-lock';

// USB ids of Espruino boards with USB (Pico, WiFi: STM32 virtual COM port).
export const ESPRUINO_USB = [{ vendorId: '0483', productId: '5740' }];

export interface PortInfo {
  path: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
  espruino: boolean;
}

export async function listPorts(): Promise<PortInfo[]> {
  let ports: { path: string; manufacturer?: string; vendorId?: string; productId?: string }[];
  try {
    ports = await autoDetect().list();
  } catch (e) {
    if (/udevadm/.test(String((e as Error).message))) {
      throw new DeviceError('listing serial ports needs udevadm, which is missing: apt-get install udev (or give --port PATH)');
    }
    throw new DeviceError(`cannot list serial ports: ${(e as Error).message}`);
  }
  return ports.map((p) => ({
    path: p.path,
    manufacturer: p.manufacturer,
    vendorId: p.vendorId,
    productId: p.productId,
    espruino: ESPRUINO_USB.some((u) => u.vendorId === p.vendorId?.toLowerCase() && u.productId === p.productId?.toLowerCase()),
  }));
}

export async function resolvePort(port: string | undefined): Promise<string> {
  if (port) return port;
  // A session's default, so that a clinic (or the README's examples) need not repeat --port.
  if (process.env.POSTURE_PORT) return process.env.POSTURE_PORT;
  const c = (await listPorts()).filter((p) => p.espruino);
  if (c.length === 1) return c[0].path;
  if (!c.length) throw new UsageError('no clip found: plug it in, or give --port PATH ("npx posture simulate" prints one)');
  throw new UsageError(`several clips found, choose one with --port: ${c.map((p) => p.path).join(', ')}`);
}

// The console holds one link open for its whole session; the command functions it calls run
// on that link (one at a time) instead of opening the port again.
let held: { link: DeviceLink; queue: Promise<unknown> } | null = null;

export function holdLink(link: DeviceLink | null): void {
  held = link ? { link, queue: Promise.resolve() } : null;
}

export async function withDevice<T>(port: string | undefined, fn: (link: DeviceLink) => Promise<T>, greet = true): Promise<T> {
  if (held && (port === undefined || port === held.link.options.path)) {
    const h = held;
    const run = h.queue.then(async () => {
      if (greet) await h.link.refresh();
      return fn(h.link);
    });
    h.queue = run.catch(() => undefined);
    return run;
  }
  const path = await resolvePort(port);
  refuseIfHeld(path);
  const link = await DeviceLink.open({ path, reconnect: false, greet });
  try {
    return await fn(link);
  } finally {
    await link.close();
  }
}
