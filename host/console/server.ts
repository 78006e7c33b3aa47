// `posture console`: a local web app for the clinic visit. Fastify serves one page, its
// bundled script and style, the API (routes.ts) and the live stream (server-sent events),
// behind the checks of security.ts.
import Fastify, { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths';
import { ClipSession, createClipSession, LiveMessage } from './clip-session';
import { errorAnswer, registerRoutes } from './routes';
import { allowedHosts, checkRequest, COOKIE, CSP, newToken, sameToken } from './security';

export interface ConsoleOptions {
  cwd: string;
  archive: string;
  /** Address to listen on (default 127.0.0.1). */
  listen?: string;
  /** TCP port (default: a free one). */
  httpPort?: number;
  token?: string;
}

export interface ConsoleServer {
  app: FastifyInstance;
  session: ClipSession;
  url: string;
  /** The address without the token. */
  origin: string;
  token: string;
  close(): Promise<void>;
}

const UI = join(repoRoot, 'host', 'console', 'ui');

/** The page's script, bundled from TypeScript by the project's esbuild, once per run. */
async function bundleUi(): Promise<string> {
  const r = await build({ entryPoints: [join(UI, 'app.ts')], bundle: true, write: false, format: 'iife', target: 'es2020', minify: false, logLevel: 'silent' });
  return r.outputFiles[0].text;
}

export async function startConsole(o: ConsoleOptions): Promise<ConsoleServer> {
  const listen = o.listen ?? '127.0.0.1';
  const token = o.token ?? newToken();
  const [script, style, page] = [await bundleUi(), readFileSync(join(UI, 'app.css'), 'utf8'), readFileSync(join(UI, 'index.html'), 'utf8')];
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024, forceCloseConnections: true });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  let hosts = new Set<string>();
  let url = '';
  const session = createClipSession({ url: () => url, cwd: o.cwd });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
    const refusal = checkRequest({
      method: req.method, host: req.headers.host, origin: req.headers.origin, secFetchSite: req.headers['sec-fetch-site'] as string | undefined,
      cookie: req.cookies[COOKIE], url: req.url, upgrade: req.headers.upgrade,
    }, { token, hosts });
    if (refusal) return reply.code(refusal.status).type('text/plain; charset=utf-8').send(refusal.message + '\n');
  });

  app.setErrorHandler((e, _req, reply) => {
    const a = errorAnswer(e);
    if (a.status === 500) console.error(e);
    void reply.code(a.status).send({ error: a.message });
  });
  app.setNotFoundHandler((_req, reply) => void reply.code(404).send({ error: 'no such page in the console' }));

  app.get('/', async (req, reply) => {
    const q = req.query as { token?: string };
    if (q.token !== undefined) {
      if (!sameToken(q.token, token)) return reply.code(401).type('text/plain').send('this address carries an old or wrong token: use the one the console printed\n');
      reply.setCookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
      return reply.redirect('/', 303); // the token leaves the address bar and the history
    }
    if (!sameToken(req.cookies[COOKIE], token)) return reply.code(401).type('text/plain').send('open the console with the address it printed (it carries the access token)\n');
    return reply.type('text/html; charset=utf-8').send(page);
  });
  app.get('/app.js', async (_q, reply) => reply.type('text/javascript; charset=utf-8').send(script));
  app.get('/app.css', async (_q, reply) => reply.type('text/css; charset=utf-8').send(style));

  // Live data as server-sent events: one JSON message per event, at the clip's rate.
  app.get('/api/live', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no', 'content-security-policy': CSP });
    res.write(': live\n\n');
    const send = (m: LiveMessage) => res.write(`data: ${JSON.stringify(m)}\n\n`);
    session.live.on('message', send);
    const ping = setInterval(() => res.write(': ping\n\n'), 15000);
    req.raw.on('close', () => {
      clearInterval(ping);
      session.live.off('message', send);
    });
  });

  registerRoutes(app, session, { archive: o.archive, cwd: o.cwd });

  await app.listen({ host: listen, port: o.httpPort ?? 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  hosts = allowedHosts(listen, port);
  const origin = `http://${listen.includes(':') ? `[${listen}]` : listen}:${port}`;
  url = `${origin}/?token=${token}`;
  return {
    app, session, url, origin, token,
    close: async () => {
      await session.close();
      await app.close();
    },
  };
}
