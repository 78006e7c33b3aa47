// `npm run report-screenshot`: renders the report of a synthetic five-day archive in Debian's
// Chromium and saves docs/report.png, the README's screenshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { reportCommand } from '../commands/report/index';
import { repoRoot } from '../paths';
import { writeSyntheticArchive } from '../sim/synthetic-archive';

const dir = mkdtempSync(join(tmpdir(), 'posture-shot-'));
try {
  writeSyntheticArchive(join(dir, 'arch'), { id: 'a1b2c3d4', days: 5, start: Date.UTC(2026, 10, 2), hourlyDays: 7 });
  const { out } = await reportCommand({ cwd: dir, archive: 'arch', out: 'report.html', utcOffsetMin: 60, generated: new Date(Date.UTC(2026, 10, 7, 8)) });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 860, height: 1500 } });
  await page.goto(pathToFileURL(out!).href);
  await page.screenshot({ path: join(repoRoot, 'docs', 'report.png') });
  await browser.close();
  console.log('docs/report.png written');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
