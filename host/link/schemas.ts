// zod schemas for everything the device sends: nothing from the wire is used before it
// passes one of these.
import { z } from 'zod';
import { FIELDS } from '../../shared/config';

const int = z.number().int();

export const configSchema = z.strictObject(
  Object.fromEntries(FIELDS.map((f) => [f.name, z.number().min(f.min).max(f.max)])) as Record<string, z.ZodNumber>,
);

export const logStatusSchema = z.object({
  nextSeq: int.nonnegative(),
  firstSeq: int.nonnegative(),
  dropped: int.nonnegative(),
  files: int.nonnegative(),
  bytes: int.nonnegative(),
  capacity: int.nonnegative(),
  lost: int.nonnegative().optional(),
});

export const helloSchema = z.object({
  proto: int,
  // Names a folder in the archive, so only 8 hex digits: nothing that could leave it.
  id: z.string().regex(/^[0-9a-f]{8}$/),
  fw: z.string().max(32),
  board: z.string().max(32),
  imu: z.string().max(32),
  bat: z.number().min(0).max(100),
  clock: z.number().nonnegative(),
  clockSet: z.union([z.literal(0), z.literal(1)]),
  cfgHash: int.nonnegative(),
  locked: z.union([z.literal(0), z.literal(1)]),
  /** CRC-32 of the flashed code (0: not run from Storage); absent from older firmware. */
  code: int.nonnegative().optional(),
  /** The board's Espruino version (e.g. "2v29"); absent from older firmware. */
  esp: z.string().max(32).optional(),
  /** Clock seconds per real second: 1 on a board, the simulator's speed on a virtual clip; absent from older firmware. */
  rate: z.number().positive().max(1000).optional(),
  log: logStatusSchema,
  /** The hourly ring; absent from firmware before it had one. */
  hrs: logStatusSchema.optional(),
});

export const okReplySchema = z.looseObject({ i: int.positive(), ok: z.literal(1) });
export const errReplySchema = z.object({
  i: int.nonnegative(),
  ok: z.literal(0),
  err: int.positive(),
  msg: z.string().max(200),
  code: int.optional(),
  field: z.string().max(32).optional(),
});
export const eventSchema = z.object({ e: int.positive().max(255), t: z.number(), a: int, b: int });
export const sampleSchema = z.object({ s: z.tuple([z.number(), int, int, int.min(0).max(5), int.nonnegative()]) });
export const rawSchema = z.object({ x: z.tuple([z.number(), int, int, int, int, int, int]) });

export const pullSchema = z.object({
  n: int.nonnegative(),
  torn: int.nonnegative(),
  next: int.nonnegative(),
  end: z.union([z.literal(0), z.literal(1)]),
  first: int.nonnegative(),
  dropped: int.nonnegative(),
  recs: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export type DeviceMessage =
  | { kind: 'reply'; id: number; data: Record<string, unknown> }
  | { kind: 'error'; id: number; err: number; msg: string; code?: number; field?: string }
  | { kind: 'event'; type: number; t: number; a: number; b: number }
  | { kind: 'sample'; t: number; flex: number; lat: number; state: number; motion: number }
  | { kind: 'raw'; t: number; v: number[] };

/** A parsed JSON object from the device as a typed message, or null when it fits no schema. */
export function classify(o: unknown): DeviceMessage | null {
  let r;
  if ((r = okReplySchema.safeParse(o)).success) return { kind: 'reply', id: r.data.i, data: r.data };
  if ((r = errReplySchema.safeParse(o)).success) return { kind: 'error', id: r.data.i, err: r.data.err, msg: r.data.msg, code: r.data.code, field: r.data.field };
  if ((r = eventSchema.safeParse(o)).success) return { kind: 'event', type: r.data.e, t: r.data.t, a: r.data.a, b: r.data.b };
  if ((r = sampleSchema.safeParse(o)).success) {
    const [t, flex, lat, state, motion] = r.data.s;
    return { kind: 'sample', t, flex, lat, state, motion };
  }
  if ((r = rawSchema.safeParse(o)).success) return { kind: 'raw', t: r.data.x[0], v: r.data.x.slice(1) };
  return null;
}
