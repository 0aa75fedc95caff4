import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's chromium, headless; `chromium.launch` gives every run a fresh temporary profile.
 * One browser per test file; each scenario opens its own context (its own localStorage).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
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

export const artifactsDir = path.resolve(import.meta.dirname, '..', '..', 'test-artifacts');
