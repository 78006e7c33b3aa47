// Debian's Chromium, headless, driven by playwright-core (no browser download).
import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

export const BROWSER = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = () => existsSync(BROWSER);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: BROWSER,
    // Root in a container needs --no-sandbox; the rest keeps Chromium off the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
