// The console's API: each route validates its request with zod and calls the same command
// functions as the CLI, on the clip the session holds. Answers are the CLI's --json shapes.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FIELDS } from '../../shared/config';
import { ENUM_NAMES, FIELD_HELP, FIELD_LABEL } from '../../shared/config-docs';
import { DeviceError, UsageError } from '../cli/errors';
import { archiveDevices, readState } from '../archive/load';
import { deviceDir } from '../archive/archive';
import { buzzCommand } from '../commands/buzz/index';
import { buzzJson } from '../commands/buzz/output';
import { calibrateCommand } from '../commands/calibrate/index';
import { calibrateJson } from '../commands/calibrate/output';
import { clockCommand } from '../commands/clock/index';
import { clockJson } from '../commands/clock/output';
import { configGet, configSet } from '../commands/config/index';
import { importJson, named } from '../commands/config/output';
import { applyPrescription, parsePrescription } from '../commands/config/prescription';
import { listPorts } from '../commands/device';
import { infoCommand } from '../commands/info/index';
import { infoJson } from '../commands/info/output';
import { lockCommand } from '../commands/lock/index';
import { pullCommand } from '../commands/pull/index';
import { pullJson } from '../commands/pull/output';
import { reportCommand } from '../commands/report/index';
import { renderReport } from '../report/html';
import { ClipSession, VIRTUAL } from './clip-session';

const pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

export function registerRoutes(app: FastifyInstance, s: ClipSession, o: { archive: string; cwd: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const needClip = () => {
    if (!s.path) throw new UsageError('no clip is open: pick one first');
  };

  r.get('/api/ports', async () => {
    const ports = await listPorts().catch(() => []);
    return { ports: ports.map((p) => ({ path: p.path, espruino: p.espruino, label: p.manufacturer ?? '' })), virtual: VIRTUAL, current: s.path, isVirtual: s.virtual };
  });

  r.post('/api/connect', { schema: { body: z.object({ port: z.string().min(1).max(300) }) } }, async (q) => {
    await s.connect(q.body.port);
    return infoJson(await infoCommand({}));
  });

  r.post('/api/disconnect', async () => {
    await s.disconnect();
    return { disconnected: true };
  });

  r.get('/api/status', async () => {
    needClip();
    return { ...infoJson(await infoCommand({})), virtual: s.virtual };
  });

  r.post('/api/clock', async () => {
    needClip();
    return clockJson(await clockCommand({ set: true }));
  });

  r.post('/api/calibrate', async () => {
    needClip();
    return calibrateJson(await calibrateCommand({}));
  });

  r.get('/api/config', async () => {
    needClip();
    const c = await configGet({});
    const info = infoJson(await infoCommand({}));
    return {
      fields: FIELDS.map((f) => ({
        name: f.name, label: FIELD_LABEL[f.name], help: FIELD_HELP[f.name], unit: f.unit, min: f.min, max: f.max, default: f.def, step: 1 / f.scale,
        choices: ENUM_NAMES[f.name] ?? null,
      })),
      values: named(c),
      locked: info.config.locked,
    };
  });

  r.post('/api/config', {
    schema: { body: z.object({ values: z.record(z.string().max(32), z.union([z.number(), z.string().max(32)])), pin: pin.optional() }) },
  }, async (q) => {
    needClip();
    const assignments = Object.entries(q.body.values).map(([k, v]) => `${k}=${v}`);
    const res = await configSet({ assignments, pin: q.body.pin });
    return { changed: named(res.changed), prescription: named(res.config) };
  });

  r.post('/api/config/import', { schema: { body: z.object({ name: z.string().max(200), text: z.string().max(100_000), pin: pin.optional() }) } }, async (q) => {
    needClip();
    return importJson(await applyPrescription(parsePrescription(q.body.text, q.body.name), { pin: q.body.pin }));
  });

  r.get('/api/config/export', async (_q, reply) => {
    needClip();
    const config = await configGet({});
    const id = infoJson(await infoCommand({})).clipId;
    reply.header('content-disposition', `attachment; filename="prescription-${id}.json"`);
    return { schema: 'posture-prescription', version: 1, config, device: id, exported: new Date().toISOString() };
  });

  r.post('/api/lock', { schema: { body: z.object({ pin, old: pin.optional() }) } }, async (q) => {
    needClip();
    return lockCommand({ pin: q.body.pin, old: q.body.old, unlock: false });
  });

  r.post('/api/unlock', { schema: { body: z.object({ pin }) } }, async (q) => {
    needClip();
    return lockCommand({ pin: q.body.pin, unlock: true });
  });

  r.post('/api/buzz', async () => {
    needClip();
    return buzzJson(await buzzCommand({}));
  });

  r.post('/api/stream', { schema: { body: z.object({ hz: z.number().int().min(0).max(50) }) } }, async (q) => {
    needClip();
    await s.stream(q.body.hz);
    return { hz: q.body.hz };
  });

  r.post('/api/pull', async () => {
    needClip();
    const res = await pullCommand({
      archive: o.archive,
      onProgress: (p, total) => s.live.emit('message', { kind: 'progress', records: p.records, total }),
    });
    return pullJson(res);
  });

  r.get('/api/patients', async () => {
    if (!existsSync(o.archive)) return { archive: o.archive, clips: [] };
    const ids = archiveDevices(o.archive);
    const data = ids.length ? (await reportCommand({ cwd: o.cwd, archive: o.archive, out: null, utcOffsetMin: -new Date().getTimezoneOffset() })).data : null;
    return {
      archive: o.archive,
      clips: ids.map((id, i) => {
        const d = data!.devices[i];
        const pulls = (readState(deviceDir(o.archive, id)).pulls ?? []) as { at?: string }[];
        return {
          clipId: id, lastPull: pulls.length ? pulls[pulls.length - 1].at ?? null : null, days: d.period.days, wornMinutes: d.metrics.wornMin,
          uprightPct: d.metrics.uprightPct, alerts: d.metrics.alerts.count, lastDay: d.period.last,
        };
      }),
    };
  });

  r.get('/api/report', { schema: { querystring: z.object({ clip: z.string().regex(/^[0-9a-f]{8}$/, 'a clip id is 8 hex digits') }) } }, async (q, reply) => {
    if (!existsSync(o.archive) || !archiveDevices(o.archive).includes(q.query.clip)) {
      throw new UsageError(`no pulled log of clip ${q.query.clip} in ${o.archive}: pull it first`);
    }
    const rep = await reportCommand({ cwd: o.cwd, archive: o.archive, device: q.query.clip, out: null, utcOffsetMin: -new Date().getTimezoneOffset() });
    // The report is a document with its own inline style and no script: shown in a frame.
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
    reply.type('text/html; charset=utf-8');
    return renderReport(rep.data);
  });
}

/** Errors a person can cause, as a status and one message; anything else is a bug (500). */
export function errorAnswer(e: unknown): { status: number; message: string } {
  const v = e as { validation?: { message?: string; instancePath?: string }[]; statusCode?: number; message?: string };
  if (v?.validation) return { status: 400, message: `invalid request: ${v.message}` };
  if (e instanceof UsageError) return { status: 400, message: e.message };
  if (e instanceof DeviceError) return { status: 409, message: e.message };
  if (e instanceof Error && (e as { exitCode?: number }).exitCode) return { status: 400, message: e.message };
  if (v?.statusCode && v.statusCode < 500) return { status: v.statusCode, message: v.message ?? 'bad request' };
  return { status: 500, message: 'the console hit an unexpected error; see its terminal' };
}
