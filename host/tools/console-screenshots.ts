// `npm run console-screenshots`: drives the console in Debian's Chromium against a virtual
// clip through a visit and saves a picture of each screen as docs/console-<screen>.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startConsole } from '../console/server';
import { repoRoot } from '../paths';

const dir = mkdtempSync(join(tmpdir(), 'posture-shot-'));
const server = await startConsole({ cwd: dir, archive: join(dir, 'clinic') });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await (await browser.newContext({ viewport: { width: 1100, height: 820 } })).newPage();
  const shot = (name: string) => page.screenshot({ path: join(repoRoot, 'docs', `console-${name}.png`) });
  const nav = (name: string) => page.click(`nav button[data-screen="${name}"]`);
  const until = async (sel: string, re: RegExp, ms = 30_000) => {
    for (const t0 = Date.now(); !re.test((await page.textContent(sel)) ?? ''); await page.waitForTimeout(100)) {
      if (Date.now() - t0 > ms) throw new Error(`${sel} never matched ${re}`);
    }
  };
  await page.goto(server.url);
  await page.selectOption('#port', 'virtual');
  await page.click('#picker button[type="submit"]');
  await until('#link-state', /open/);
  await page.click('#set-clock');
  await until('#status-list', /Clockset/);
  await shot('status');
  await nav('calibrate');
  await page.click('#calibrate');
  await until('#cal-result', /Calibrated/);
  await shot('calibrate');
  await nav('prescription');
  await until('#rx-fields', /Slouch angle/);
  await page.fill('#f-threshold_deg', '20');
  await page.fill('#f-alert_delay_s', '10');
  await shot('prescription');
  await page.click('#rx-write');
  await until('#message', /Written/);
  await nav('live');
  await page.waitForTimeout(25_000);
  await shot('live');
  await nav('pull');
  await page.click('#pull');
  await until('#pull-result', /Pulled/);
  await page.waitForTimeout(1500);
  await shot('pull');
  await nav('patients');
  await until('#patients', /[0-9a-f]{8}/);
  await shot('patients');
  console.log('docs/console-{status,calibrate,prescription,live,pull,patients}.png written');
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
