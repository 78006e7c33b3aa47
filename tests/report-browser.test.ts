// The report in a real browser: Debian's Chromium, headless, driven by playwright-core (no
// browser download). The page must load with no errors, draw every chart with real size,
// and print to A4; a screenshot is kept in test-artifacts/ for a human to look at.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BROWSER, launchChromium } from './helpers/chromium';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../host/commands/report/index';
import { repoRoot } from '../host/paths';
import { writeSyntheticArchive } from '../host/sim/synthetic-archive';

const dir = mkdtempSync(join(tmpdir(), 'posture-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(existsSync(BROWSER))('the report in headless Chromium', () => {
  it('renders with no errors, every chart drawn, and prints on A4', async () => {
    writeSyntheticArchive(join(dir, 'arch'), { id: 'a1b2c3d4', days: 5, start: Date.UTC(2026, 10, 2), hourlyDays: 7 });
    const { out } = await reportCommand({ cwd: dir, archive: 'arch', out: 'report.html', utcOffsetMin: 60 });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('request', (r) => !r.url().startsWith('file:') && requests.push(r.url()));
      await page.goto(pathToFileURL(out!).href);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]); // self-contained: nothing fetched
      const charts = await page.$$eval('svg.chart', (els) => els.map((e) => ({ name: e.getAttribute('data-chart'), w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height, marks: e.querySelectorAll('rect.state, rect.bar, circle.point').length })));
      expect(charts.map((c) => c.name).sort()).toEqual(['eva', 'history', 'hours', 'inclination', 'timeline', 'trend']);
      for (const c of charts) {
        expect(c.w, c.name!).toBeGreaterThan(300);
        expect(c.h, c.name!).toBeGreaterThan(50);
        expect(c.marks, c.name!).toBeGreaterThan(0);
      }
      // No text overflows its box, and every chart labels its axes with tick values.
      const overflowing = await page.$$eval('td, th, p, figcaption, .figures div, h1, h2, h3', (els) =>
        els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.tagName}: ${(e.textContent ?? '').slice(0, 40)}`));
      expect(overflowing).toEqual([]);
      const ticks = await page.$$eval('svg.chart', (els) => els.map((e) => ({ name: e.getAttribute('data-chart'), y: [...e.querySelectorAll('text.tick-y')].filter((t) => /\d/.test(t.textContent ?? '')).length, any: [...e.querySelectorAll('text')].filter((t) => /\d/.test(t.textContent ?? '')).length })));
      for (const t of ticks) {
        expect(t.any, `${t.name}: axis labels`).toBeGreaterThanOrEqual(3);
        // Every chart with a value axis labels it (the timeline's rows are days, named).
        if (t.name !== 'timeline') expect(t.y, `${t.name}: y-axis tick values`).toBeGreaterThanOrEqual(3);
      }
      expect(await page.locator('.summary p').count()).toBeGreaterThanOrEqual(4);
      // The wearer's page speaks plainly; the clinical terms and their definitions come after it.
      const wearer = await page.locator('section.wearer').first().innerText();
      expect(wearer).not.toMatch(/ISO|P10|P50|P90|EVA|episode|percentile|flexion|still time/i);
      expect(await page.locator('section.clinician dl.definitions dt').count()).toBeGreaterThanOrEqual(8);
      expect(await page.locator('section.clinician').first().evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { breakBefore: string } }).getComputedStyle(e).breakBefore)).toBe('page');
      expect(await page.locator('path.alert').count()).toBeGreaterThan(10);
      // The week the clip kept only as hourly summaries comes before the minute days.
      expect(await page.locator('svg[data-chart="history"] circle.point').count()).toBe(12);
      expect(await page.getByText('Every day the clip kept').count()).toBe(1);
      mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
      const png = join(repoRoot, 'test-artifacts', 'report.png');
      await page.screenshot({ path: png, fullPage: true });
      expect(existsSync(png)).toBe(true);
      // Print: A4 pages, the charts kept whole.
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(6);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
