// Opening the clip for a command: --port or the only Espruino-looking serial port.
import { autoDetect } from '@serialport/bindings-cpp';
import { DeviceError, UsageError } from '../cli/errors';
import { DeviceLink } from '../link/device-link';

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

export async function withDevice<T>(port: string | undefined, fn: (link: DeviceLink) => Promise<T>, greet = true): Promise<T> {
  const link = await DeviceLink.open({ path: await resolvePort(port), reconnect: false, greet });
  try {
    return await fn(link);
  } finally {
    await link.close();
  }
}
