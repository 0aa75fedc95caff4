import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../test/helpers/test-app.ts';
import { artifactsDir, launchBrowser } from '../widget/test-support/launch-browser.ts';
import { startDemo } from './run-demo.ts';

let environment: TestEnvironment;
let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let page: Page;

const W = 'parley-widget';

async function ask(text: string) {
  const input = page.locator(`${W} textarea[aria-label="Message"]`);
  await input.fill(text);
  await input.press('Enter');
}

/** The latest assistant message, once there are `count` of them. */
async function nthReply(count: number): Promise<string> {
  const replies = page.locator(`${W} [role="log"] [data-role="ai"]`);
  await expect.poll(() => replies.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  return (await replies.nth(count - 1).textContent()) ?? '';
}

beforeAll(async () => {
  environment = await createTestEnvironment({ PORT: '0', HOST: '127.0.0.1' });
  demo = await startDemo({ env: environment.env, shopPort: 0, logLevel: 'silent' });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await environment?.dispose();
});

describe('npm run demo', () => {
  it('answers "Where is my order #4521?" after asking for the email, from the sample shop API', async () => {
    await page.goto(demo.pageUrl);
    await page.locator(`${W} button[aria-label="Open chat"]`).click();
    await ask('Where is my order #4521?');
    expect(await nthReply(1)).toMatch(/email/i);
    await ask('jane@example.com');
    const answer = await nthReply(2);
    expect(answer).toContain('shipped');
    expect(answer).toContain('Thursday');
  });

  it('answers "how much is product 42?" with the live price', async () => {
    await ask('how much is product 42?');
    expect(await nthReply(3)).toContain('49.90 EUR');
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'demo-store.png') });
  });

  it('sets itself up idempotently: a second run finds the same tenant, widget, connections and rules', async () => {
    const first = { tenantId: demo.tenantId, widgetId: demo.widgetId };
    await demo.close();
    demo = await startDemo({ env: environment.env, shopPort: 0, logLevel: 'silent' });
    expect({ tenantId: demo.tenantId, widgetId: demo.widgetId }).toEqual(first);
    const count = async (url: string) => {
      const res = await demo.app.inject({
        url: `/api/v1/tenant-api${url}`,
        headers: { 'x-api-key': demo.apiKey },
      });
      return (res.json().data as unknown[]).length;
    };
    expect(await count('/connections')).toBe(3);
    expect(await count('/rules')).toBe(4);
    expect(await count('/widgets')).toBe(1);
    // Stopping and starting the whole demo (server, shop API, seeding) twice on a busy machine.
  }, 90_000);
});
