// `posture ports --json`.
import { z } from 'zod';
import type { PortInfo } from '../device';

export const portsOutput = z.object({
  ports: z.array(z.object({
    path: z.string(),
    manufacturer: z.string().nullable(),
    vendorId: z.string().nullable().describe('USB vendor id, hex'),
    productId: z.string().nullable().describe('USB product id, hex'),
    espruino: z.boolean().describe('its USB ids are an Espruino board\'s'),
  })),
});

export const portsJson = (list: PortInfo[]): z.input<typeof portsOutput> => ({
  ports: list.map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null, vendorId: p.vendorId ?? null, productId: p.productId ?? null, espruino: p.espruino })),
});
