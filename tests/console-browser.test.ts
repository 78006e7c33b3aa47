// The therapist console in real Chromium against the virtual clip over a pty: the whole visit
// through the page, the live view at 50 Hz, accessibility, and the attacks a local web app
// invites (another page in the same browser, a forged Host, no token).
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleServer, startConsole } from '../host/console/server';
import { configGet } from '../host/commands/config/index';
import { infoCommand } from '../host/commands/info/index';
import { haveSocat } from '../host/sim/pty';
import { haveChromium, launchChromium } from './helpers/chromium';

const dir = mkdtempSync(join(tmpdir(), 'posture-console-'));
let server: ConsoleServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

/** A raw HTTP request, so that Host and Origin can be anything. */
function raw(o: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const u = new URL(server.origin);
  return new Promise((res, rej) => {
    const r = request({ host: u.hostname, port: u.port, method: o.method ?? 'GET', path: o.path, headers: o.headers }, (m) => {
      let b = '';
      m.on('data', (d) => (b += d));
      m.on('end', () => res({ status: m.statusCode ?? 0, body: b }));
    });
    r.on('error', rej);
    r.end(o.body);
  });
}

const run = describe.runIf(haveSocat() && haveChromium());

run('the console in Chromium', () => {
  beforeAll(async () => {
    server = await startConsole({ cwd: dir, archive: join(dir, 'clinic') });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // Refusals the visit asks for on purpose come back as 4xx; anything else is an error.
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const nav = (name: string) => page.click(`nav button[data-screen="${name}"]`);
  const message = () => page.locator('#message');

  it('takes the token from the address into a cookie and drops it from the address', async () => {
    expect(page.url()).toBe(`${server.origin}/`);
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'posture_console', httpOnly: true, sameSite: 'Strict' })]);
  });

  it('picks the virtual clip, sets its clock and calibrates', async () => {
    await page.selectOption('#port', 'virtual');
    await page.click('#picker button[type="submit"]');
    await expect.poll(() => page.textContent('#link-state'), { timeout: 30_000 }).toMatch(/Clip [0-9a-f]{8} open/);
    await expect.poll(() => page.textContent('#status-list')).toMatch(/Battery\d+ %/);
    await page.click('#set-clock');
    await expect.poll(() => message().textContent()).toMatch(/clock is set/);
    expect(await page.textContent('#status-list')).toMatch(/Clockset, /);
    await nav('calibrate');
    await page.click('#calibrate');
    await expect.poll(() => page.textContent('#cal-result'), { timeout: 20_000 }).toMatch(/^Calibrated: this is the patient's upright/);
  }, 60_000);

  it('writes a prescription, shows old → new first and the read-back after, and refuses a bad value with its message', async () => {
    await nav('prescription');
    await page.fill('#f-threshold_deg', '20');
    await page.fill('#f-alert_delay_s', '10');
    await page.fill('#f-rate_hz', '50');
    expect(await page.textContent('#rx-changes')).toBe('To write: Slouch angle 15 → 20; Delay before the first buzz 30 → 10; Sample rate 25 → 50');
    await page.click('#rx-write');
    await expect.poll(() => message().textContent()).toMatch(/^Written and read back from the clip: Slouch angle = 20, Delay before the first buzz = 10, Sample rate = 50/);
    expect(await page.inputValue('#f-threshold_deg')).toBe('20');
    expect(await configGet({})).toMatchObject({ threshold_deg: 20, alert_delay_s: 10, rate_hz: 50 });
    await page.fill('#f-threshold_deg', '99');
    expect(await page.textContent('#f-threshold_deg-err')).toMatch(/threshold_deg = 99 is out of range 3\.\.60 deg/);
    expect(await page.getAttribute('#f-threshold_deg', 'aria-invalid')).toBe('true');
    await page.click('#rx-write');
    await expect.poll(() => message().textContent()).toMatch(/not valid/);
    await page.fill('#f-threshold_deg', '20');
    await page.fill('#f-hysteresis_deg', '20');
    expect(await page.textContent('#f-hysteresis_deg-err')).toMatch(/hysteresis_deg \(20\) must be below threshold_deg \(20\)/);
    await page.fill('#f-hysteresis_deg', '5');
    // A reminder time: a time input, written as hhmm, empty for none.
    expect(await page.getAttribute('#f-ex_time_1', 'type')).toBe('time');
    await page.fill('#f-ex_time_1', '10:30');
    expect(await page.textContent('#rx-changes')).toBe('To write: Exercise reminder at none → 10:30');
    await page.click('#rx-write');
    await expect.poll(async () => (await configGet({})).ex_time_1).toBe(1030);
    expect(await page.inputValue('#f-ex_time_1')).toBe('10:30');
  }, 30_000);

  it('shows live posture at 50 Hz: at least 99 % of the raw samples of 60 s reach the page', async () => {
    await nav('live');
    await page.waitForTimeout(60_000);
    const s = await page.locator('#live-stats').evaluate((e) => ({ got: Number(e.getAttribute('data-received')), want: Number(e.getAttribute('data-expected')) }));
    expect(s.want).toBeGreaterThan(0.95 * 60 * 50);
    expect(s.got / s.want).toBeGreaterThanOrEqual(0.99);
    expect(await page.locator('#trace path').count()).toBeGreaterThan(0);
    expect(await page.textContent('#live-state')).toMatch(/upright|slouch|moving|lying|off/);
    // The exercise line: what is prescribed until the clip counts something.
    expect(await page.textContent('#live-ex')).toMatch(/^(No exercises prescribed\.|Prescribed: .* None counted yet\.|Repetition counted|Set of|Reminder)/);
    await page.evaluate(() => fetch('/api/stream', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hz":0}' }));
  }, 90_000);

  it('locks with a PIN; a change without it is refused in the CLI\'s words; with it, it goes through', async () => {
    await nav('prescription');
    await page.fill('#lock-pin', '2468');
    await page.click('#lock');
    await expect.poll(() => message().textContent()).toMatch(/^Locked/);
    await page.fill('#f-threshold_deg', '22');
    await page.click('#rx-write');
    await expect.poll(() => message().textContent()).toMatch(/the clip is locked \(no PIN given\): the prescription is unchanged\. Give the therapist's PIN/);
    await page.fill('#rx-pin', '1111');
    await page.click('#rx-write');
    await expect.poll(() => message().textContent()).toMatch(/wrong PIN: the prescription is unchanged/);
    await page.fill('#rx-pin', '2468');
    await page.click('#rx-write');
    await expect.poll(() => message().textContent()).toMatch(/^Written and read back from the clip: Slouch angle = 22/);
    expect((await infoCommand({})).hello.locked).toBe(1);
    // The prescription as a file, and a changed file applied (the PIN still in its field).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rx-export')]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved).toMatchObject({ schema: 'posture-prescription', version: 1, config: { threshold_deg: 22 } });
    saved.config.threshold_deg = 18;
    await page.setInputFiles('#rx-import', { name: 'patient-7.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved)) });
    await expect.poll(() => message().textContent()).toBe('Applied patient-7.json: Slouch angle 22 → 18.');
    expect((await configGet({})).threshold_deg).toBe(18);
  }, 30_000);

  it('test buzz, pull with progress, the report in the page, the patient in the list', async () => {
    await page.click('#rx-buzz');
    await expect.poll(() => message().textContent()).toMatch(/^Buzzing at 80 %/);
    await nav('pull');
    await page.click('#pull');
    await expect.poll(() => page.textContent('#pull-result'), { timeout: 30_000 }).toMatch(/^Pulled \d+ new records; the archive holds \d+ for clip [0-9a-f]{8}/);
    const p = await page.locator('#pull-progress').evaluate((e) => ({ v: Number(e.getAttribute('value') ?? (e as unknown as { value: number }).value), max: (e as unknown as { max: number }).max }));
    expect(p.max).toBeGreaterThan(1);
    const frame = page.frameLocator('#report');
    await expect.poll(() => frame.locator('h1').textContent(), { timeout: 20_000 }).toBe('Posture Coach report');
    const id = (await page.textContent('#pull-result'))!.match(/clip ([0-9a-f]{8})/)![1];
    expect(await frame.locator('h2').first().textContent()).toBe(`Clip ${id}`);
    await nav('patients');
    await expect.poll(() => page.textContent('#patients')).toContain(id);
  }, 60_000);

  it('passes axe-core\'s checks, every control reachable by keyboard, with no page error', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await nav('prescription');
    await page.evaluate(axe);
    const found = await page.evaluate(async () => {
      const r = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
      return r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
    });
    expect(found).toEqual([]);
    // Tab reaches the picker, the screens and the form controls in order.
    await page.focus('#port');
    const reached = new Set<string>();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => {
        const e = (globalThis as unknown as { document: { activeElement: { id: string; tagName: string; dataset?: Record<string, string> } | null } }).document.activeElement;
        return e ? e.id || e.dataset?.screen || e.tagName : '';
      }));
    }
    for (const id of ['refresh-ports', 'f-threshold_deg', 'rx-write', 'rx-buzz', 'lock-pin', 'unlock']) expect(reached.has(id), id).toBe(true);
    expect(reached.has('patients')).toBe(true); // the nav buttons
    expect(errors).toEqual([]);
  }, 30_000);

  describe('what other pages and programs cannot do', () => {
    let evil: Server;
    let evilUrl = '';
    beforeAll(async () => {
      // Another site's page in the same browser: a form post, fetches, the live stream and a
      // WebSocket aimed at the console, each result written into the page.
      const target = server.origin;
      const html = `<!doctype html><html><body><form id="f" method="POST" action="${target}/api/config" enctype="text/plain" target="sink"><input name='{"values":{"threshold_deg":40},"x":"' value='"}'></form><iframe name="sink"></iframe><pre id="out"></pre><script>
const out = [];
const note = (k, v) => { out.push(k + '=' + v); document.getElementById('out').textContent = out.join('\\n'); };
(async () => {
  for (const [k, path, body] of [['config', '/api/config', '{"values":{"threshold_deg":40}}'], ['unlock', '/api/unlock', '{"pin":"2468"}'], ['buzz', '/api/buzz', '{}']]) {
    try { const r = await fetch('${target}' + path, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body }); note(k, r.status); } catch (e) { note(k, 'blocked'); }
    try { await fetch('${target}' + path, { method: 'POST', credentials: 'include', mode: 'no-cors', body }); note(k + '-nocors', 'sent'); } catch (e) { note(k + '-nocors', 'blocked'); }
  }
  try { const r = await fetch('${target}/api/config', { credentials: 'include' }); note('read', r.status + ':' + (await r.text()).slice(0, 20)); } catch (e) { note('read', 'blocked'); }
  await new Promise((res) => { const es = new EventSource('${target}/api/live', { withCredentials: true }); es.onmessage = () => { note('live', 'message'); es.close(); res(); }; es.onerror = () => { note('live', 'error'); es.close(); res(); }; });
  await new Promise((res) => { const ws = new WebSocket('${target.replace('http', 'ws')}/api/live'); ws.onopen = () => { note('ws', 'open'); ws.close(); res(); }; ws.onerror = () => { note('ws', 'error'); res(); }; });
  document.getElementById('f').submit();
  setTimeout(() => note('done', 1), 1500);
})();
</script></body></html>`;
      evil = createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(html));
      await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
      const a = evil.address() as { port: number };
      evilUrl = `http://127.0.0.1:${a.port}/`;
    });
    afterAll(() => new Promise<void>((r) => evil.close(() => r())));

    it('a page on another local port: its posts, reads, live stream, WebSocket and form post are refused, and the clip is unchanged', async () => {
      const before = { config: await configGet({}), locked: (await infoCommand({})).hello.locked };
      const other = await page.context().newPage();
      await other.goto(evilUrl);
      await expect.poll(() => other.textContent('#out'), { timeout: 20_000 }).toMatch(/done=1/);
      const said = Object.fromEntries((await other.textContent('#out'))!.split('\n').map((l) => l.split('=')));
      for (const k of ['config', 'unlock', 'buzz']) expect(['403', 'blocked'], k).toContain(said[k]);
      expect(said.read).not.toMatch(/^200/);
      expect(said.live).toBe('error');
      expect(said.ws).toBe('error');
      await other.close();
      expect(await configGet({})).toEqual(before.config);
      expect((await infoCommand({})).hello.locked).toBe(before.locked);
    }, 40_000);

    it('no token, a foreign Host, a foreign Origin and a WebSocket upgrade are refused before any route runs', async () => {
      const before = await configGet({});
      const cookie = `posture_console=${server.token}`;
      const host = new URL(server.origin).host;
      const post = (headers: Record<string, string>) => raw({ method: 'POST', path: '/api/config', headers: { 'content-type': 'application/json', ...headers }, body: '{"values":{"threshold_deg":41},"pin":"2468"}' });
      expect((await post({ host, origin: server.origin })).status).toBe(401);
      expect((await post({ host: 'rebind.example:80', origin: 'http://rebind.example:80', cookie })).status).toBe(421);
      expect((await post({ host, origin: 'http://127.0.0.1:1', cookie })).status).toBe(403);
      expect((await post({ host, cookie })).status).toBe(403); // no Origin at all
      expect((await raw({ path: '/api/live', headers: { host, cookie, upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } })).status).toBe(400);
      expect((await raw({ path: '/api/status', headers: { host, cookie: 'posture_console=guess' } })).status).toBe(401);
      expect((await raw({ path: `/?token=guess`, headers: { host } })).status).toBe(401);
      const ok = await raw({ path: '/api/ports', headers: { host, cookie } });
      expect(ok.status).toBe(200);
      expect(await configGet({})).toEqual(before);
      const page1 = await raw({ path: '/', headers: { host, cookie } });
      expect(page1.body).not.toMatch(/<script>|<style>|\son[a-z]+="/); // no inline script or style
    });

    it('answers with no CORS header and a CSP without inline script', async () => {
      const host = new URL(server.origin).host;
      const r = await new Promise<Record<string, string | string[] | undefined>>((res) => {
        request({ host: '127.0.0.1', port: new URL(server.origin).port, path: '/api/ports', headers: { host, cookie: `posture_console=${server.token}`, origin: 'http://127.0.0.1:1' } }, (m) => {
          m.resume();
          res(m.headers);
        }).end();
      });
      expect(r['access-control-allow-origin']).toBeUndefined();
      expect(String(r['content-security-policy'])).toMatch(/script-src 'self'/);
      expect(String(r['content-security-policy'])).not.toMatch(/unsafe-inline/);
    });
  });
});
