// `posture info --json`: the clip's hello in full words, with the text's forms (hex hash, id as text).
import { z } from 'zod';
import { hex8 } from '../../cli/json-output';
import type { InfoResult } from './index';

const count = z.number().int().nonnegative();

export const logStatusOutput = z.object({
  records: count.describe('records the clip holds now'),
  firstRecord: count.describe('sequence number of the oldest record held'),
  nextRecord: count.describe('sequence number the next record will get'),
  files: count.describe('Storage files the records span'),
  bytes: count.describe('bytes of flash the records use'),
  capacityBytes: count.describe('bytes of flash set aside for them'),
  droppedRecords: count.describe('oldest records overwritten before they were pulled'),
  lostRecords: count.describe('records not written because Storage was full'),
});

export const infoOutput = z.object({
  port: z.string().describe('serial port path'),
  clipId: z.string().regex(/^[0-9a-f]{8}$/).describe("the clip's id, 8 hex digits (names its archive folder)"),
  firmware: z.object({
    version: z.string(),
    protocol: z.number().int().describe('wire protocol version (docs/protocol.md)'),
    codeCrc32: z.string().nullable().describe('CRC-32 of the flashed code, 8 hex digits; null when not run from Storage or older firmware'),
    espruino: z.string().nullable().describe('Espruino version on the board, e.g. "2v29"; null from older firmware'),
  }),
  board: z.string().describe('board profile: pico, puck, linux'),
  imu: z.string().describe('IMU model'),
  batteryPct: z.number().min(0).max(100),
  clock: z.object({
    set: z.boolean().describe('the clock was set since power-up'),
    offsetS: z.number().nullable().describe("clip minus this computer, seconds; null when never set"),
    rate: z.number().describe('clock seconds per real second: 1 on a clip, the speed of a virtual clip run fast (its clock gains by design)'),
  }),
  config: z.object({
    hash: z.string().regex(/^[0-9a-f]{8}$/).describe("hash of the prescription, 8 hex digits (changes with any field)"),
    locked: z.boolean().describe('the prescription is locked by a PIN'),
  }),
  log: logStatusOutput.describe('the log of minute summaries and events'),
  hourlyLog: logStatusOutput.nullable().describe('the hourly summaries; null on firmware without them'),
  warnings: z.array(z.string()),
});

type Ring = NonNullable<InfoResult['hello']['hrs']>;
export function ringOutput(l: Ring): z.input<typeof logStatusOutput> {
  return {
    records: l.nextSeq - l.firstSeq, firstRecord: l.firstSeq, nextRecord: l.nextSeq, files: l.files, bytes: l.bytes,
    capacityBytes: l.capacity, droppedRecords: l.dropped, lostRecords: l.lost ?? 0,
  };
}

export function infoJson(r: InfoResult): z.input<typeof infoOutput> {
  const h = r.hello;
  return {
    port: r.port,
    clipId: h.id,
    firmware: { version: h.fw, protocol: h.proto, codeCrc32: h.code ? hex8(h.code) : null, espruino: h.esp ?? null },
    board: h.board,
    imu: h.imu,
    batteryPct: h.bat,
    clock: { set: h.clockSet === 1, offsetS: h.clockSet ? Math.round(r.driftMs) / 1000 : null, rate: h.rate ?? 1 },
    config: { hash: hex8(h.cfgHash), locked: h.locked === 1 },
    log: ringOutput(h.log),
    hourlyLog: h.hrs ? ringOutput(h.hrs) : null,
    warnings: r.warnings,
  };
}
