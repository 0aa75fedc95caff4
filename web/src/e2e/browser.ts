import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless Debian chromium. Playwright gives every `launch` a fresh temporary profile
 * (user-data dir) and deletes it on close; each `newContext()` is a separate cookie jar.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
