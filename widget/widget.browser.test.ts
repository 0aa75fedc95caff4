import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMessage } from '../src/conversations/post-message.ts';
import { computeUserHash } from '../src/visitor-identity/user-hash.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { startHostPageServer } from './test-support/host-page-server.ts';
import { artifactsDir, launchBrowser } from './test-support/launch-browser.ts';

// One server, one browser, one host page on another origin for the whole file; scenarios share a page.
let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let hostPage: Awaited<ReturnType<typeof startHostPageServer>>;
let verifiedPage: Awaited<ReturnType<typeof startHostPageServer>>;
const identitySecret = 'identity-secret-for-the-browser-test';
let headers: { 'x-api-key': string };
const dialogs: string[] = [];

const W = 'parley-widget';
const log = (p: Page) => p.locator(`${W} [role="log"]`);
const input = (p: Page) => p.locator(`${W} textarea[aria-label="Message"]`);

async function tenantApi(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1/tenant-api${url}`, headers, payload });
  return { status: res.statusCode, body: res.json() };
}

/** The conversation the page's widget stored in localStorage. */
async function storedConversationId(p: Page, widgetId: string): Promise<string> {
  const raw = await p.evaluate((key) => localStorage.getItem(key), `parley:${widgetId}`);
  return (JSON.parse(raw ?? '{}') as { conversationId: string }).conversationId;
}

async function openWidget(p: Page, url: string) {
  await p.goto(url);
  await p.locator(`${W} button[aria-label="Open chat"]`).click();
  await expect.poll(() => p.locator(`${W} [role="dialog"]`).isVisible()).toBe(true);
}

let widgetId: string;
let verifiedWidgetId: string;

/** A visitor in a browser of their own whose first message on `url` is stored. */
async function visitorWhoSaid(content: string, url = hostPage.url) {
  const scoped = await browser.newContext();
  const shop = await scoped.newPage();
  await openWidget(shop, url);
  await input(shop).fill(content);
  await input(shop).press('Enter');
  await expect.poll(() => log(shop).locator('[data-state="sent"]').count()).toBe(1);
  return { scoped, shop };
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const tenant = await t.createTenant('Widget shop');
  headers = tenant.headers;
  const widget = await tenantApi('POST', '/widgets', {
    name: 'Acme help',
    aiEnabled: false,
    primaryColor: '#0f766e',
  });
  widgetId = widget.body.data.id;
  const scriptUrl = `http://127.0.0.1:${port}/api/v1/widget/widget.js`;
  hostPage = await startHostPageServer(scriptUrl, widgetId);
  const verified = await tenantApi('POST', '/widgets', {
    name: 'Account help',
    aiEnabled: false,
    identitySecret,
  });
  verifiedWidgetId = verified.body.data.id;
  verifiedPage = await startHostPageServer(scriptUrl, verifiedWidgetId);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await hostPage?.close();
  await verifiedPage?.close();
  await t?.close();
});

describe('the embedded widget', () => {
  it('opens, sends a message with Enter and shows it in the log as the visitor', async () => {
    await openWidget(page, hostPage.url);
    const shadow = await page.evaluate(() => Boolean(document.querySelector('parley-widget')?.shadowRoot));
    expect(shadow).toBe(true);
    await expect.poll(() => page.locator(`${W} [role="dialog"] h2`).textContent()).toBe('Acme help');
    await input(page).fill('Hello there');
    await input(page).press('Enter');
    const mine = log(page).locator('[data-role="visitor"][data-state="sent"]');
    await expect.poll(() => mine.allTextContents()).toEqual(['Hello there']);
    expect(await input(page).inputValue()).toBe('');

    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'widget-open.png') });
  });

  it('shows an operator message live, without a reload', async () => {
    const conversationId = await storedConversationId(page, widgetId);
    const posted = await tenantApi('POST', `/conversations/${conversationId}/messages`, {
      content: 'Hi, this is Anna from support.',
      role: 'operator',
    });
    expect(posted.status).toBe(201);
    await expect
      .poll(() => log(page).locator('[data-role="operator"]').allTextContents())
      .toEqual(['Hi, this is Anna from support.']);
  });

  it("shows the visitor's version of a translated team message, live and after a reload", async () => {
    const conversationId = await storedConversationId(page, widgetId);
    const { tenant_id: tenantId } = await t.ctx.db
      .selectFrom('conversations')
      .select('tenant_id')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    await postMessage(t.ctx, {
      tenantId,
      conversationId,
      role: 'operator',
      content: 'Your order has shipped.',
      contentLanguage: 'en',
      translatedContent: 'Votre commande a été expédiée.',
      translatedLanguage: 'fr',
    });
    const operatorTexts = () => log(page).locator('[data-role="operator"]').allTextContents();
    await expect.poll(operatorTexts).toContain('Votre commande a été expédiée.');
    expect(await operatorTexts()).not.toContain('Your order has shipped.');
  });

  it('resumes the same conversation and transcript after a reload', async () => {
    const before = await storedConversationId(page, widgetId);
    await page.reload();
    await page.evaluate(() => window.Parley?.open());
    await expect
      .poll(() => log(page).locator('[data-role]').allTextContents())
      .toEqual(['Hello there', 'Hi, this is Anna from support.', 'Votre commande a été expédiée.']);
    expect(await storedConversationId(page, widgetId)).toBe(before);
  });

  it('renders HTML in a message as text: no element is created, no script runs', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    await input(page).fill(attack);
    await page.locator(`${W} button[aria-label="Send"]`).click();
    const last = log(page).locator('[data-role="visitor"]').last();
    await expect.poll(() => last.textContent()).toBe(attack);
    await expect.poll(() => last.getAttribute('data-state')).toBe('sent');
    const images = await page.evaluate(
      () =>
        document.querySelectorAll('img').length +
        (document.querySelector('parley-widget')?.shadowRoot?.querySelectorAll('img').length ?? 0),
    );
    expect(images).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('keeps a newline with Shift+Enter and traps focus; Escape closes and returns focus', async () => {
    await input(page).focus();
    await page.keyboard.type('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    expect(await input(page).inputValue()).toBe('line one\nline two');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => log(page).locator('[data-role="visitor"]').last().textContent())
      .toBe('line one\nline two');

    const focused = () =>
      page.evaluate(() => {
        const el = document.querySelector('parley-widget')?.shadowRoot?.activeElement;
        return el ? (el.getAttribute('aria-label') ?? el.className) : null;
      });
    const seen = new Set<string | null>();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      seen.add(await focused());
    }
    // Focus cycled inside the panel only: never the launcher, never the page's own link.
    expect(seen.has(null)).toBe(false);
    expect(seen.has('Open chat')).toBe(false);
    expect([...seen]).toEqual(expect.arrayContaining(['Message', 'Send']));

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`${W} [role="dialog"]`).isVisible()).toBe(false);
    expect(await focused()).toBe('Open chat');
  });

  it('shows the typing indicator while the assistant works', async () => {
    await page.evaluate(() => window.Parley?.open());
    const conversationId = await storedConversationId(page, widgetId);
    const typing = page.locator(`${W} .typing`);
    const tenantId = (await tenantApi('GET', `/conversations/${conversationId}`)).body.data
      .tenantId as string;
    const publish = (active: boolean) =>
      t.ctx.events.publish({ type: 'typing', tenantId, conversationId, data: { conversationId, active } });
    publish(true);
    await expect.poll(() => typing.isVisible()).toBe(true);
    publish(false);
    await expect.poll(() => typing.isVisible()).toBe(false);
  });

  it('reconnects after the socket drops and still receives messages', async () => {
    const conversationId = await storedConversationId(page, widgetId);
    for (const client of t.app.websocketServer.clients) client.terminate();
    await tenantApi('POST', `/conversations/${conversationId}/messages`, {
      content: 'Still there?',
      role: 'system',
    });
    await expect
      .poll(() => log(page).locator('[data-role="system"]').allTextContents(), { timeout: 15_000 })
      .toEqual(['Still there?']);
  });

  it('marks a message that could not be sent as failed and resends it on click', async () => {
    await context.setOffline(true);
    await input(page).fill('Are you open on Sunday?');
    await input(page).press('Enter');
    const failed = log(page).locator('[data-state="failed"]');
    await expect.poll(() => failed.count()).toBe(1);
    await context.setOffline(false);
    await failed.click();
    await expect
      .poll(() => log(page).locator('[data-role="visitor"]').last().getAttribute('data-state'))
      .toBe('sent');
    const conversationId = await storedConversationId(page, widgetId);
    const detail = await tenantApi('GET', `/conversations/${conversationId}`);
    const contents = (detail.body.data.messages as Array<{ content: string }>).map((m) => m.content);
    expect(contents.filter((c) => c === 'Are you open on Sunday?')).toHaveLength(1);
  });

  it('fills a 375 px wide screen with the open panel, without motion when reduced motion is asked', async () => {
    const mobile = await browser.newContext({
      viewport: { width: 375, height: 667 },
      isMobile: true,
      reducedMotion: 'reduce',
    });
    const phone = await mobile.newPage();
    await openWidget(phone, hostPage.url);
    const panel = phone.locator(`${W} [role="dialog"]`);
    expect(await panel.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    const box = await panel.boundingBox();
    expect(box && [box.x, box.y, box.width, Math.round(box.height)]).toEqual([0, 0, 375, 667]);
    await phone.screenshot({ path: path.join(artifactsDir, 'widget-mobile.png') });
    await mobile.close();
  });

  it('sends a verified identity from data-user-* attributes: visitor.* variables are set', async () => {
    const scoped = await browser.newContext();
    const shop = await scoped.newPage();
    const query = new URLSearchParams({
      userId: 'user-42',
      email: 'jane@example.com',
      name: 'Jane Doe',
      userHash: computeUserHash(identitySecret, 'user-42'),
    });
    await openWidget(shop, `${verifiedPage.url}?${query}`);
    await input(shop).fill('Where is my order?');
    await input(shop).press('Enter');
    await expect.poll(() => log(shop).locator('[data-state="sent"]').count()).toBe(1);
    const detail = await tenantApi(
      'GET',
      `/conversations/${await storedConversationId(shop, verifiedWidgetId)}`,
    );
    expect(detail.body.data.variables).toMatchObject({
      'visitor.id': 'user-42',
      'visitor.email': 'jane@example.com',
      'visitor.name': 'Jane Doe',
      'visitor.verified': 'true',
    });

    // Logging out on the host page: the next person on this browser sees nothing of it.
    await shop.evaluate(() => window.Parley?.reset());
    await expect.poll(() => log(shop).locator('[data-role]').count()).toBe(0);
    expect(await shop.evaluate((key) => localStorage.getItem(key), `parley:${verifiedWidgetId}`)).toBeNull();
    await scoped.close();
  });

  it('verifies Parley.identify() too, and a wrong hash is refused: no conversation, message failed', async () => {
    const scoped = await browser.newContext();
    const shop = await scoped.newPage();
    const refusals: number[] = [];
    shop.on('response', (res) => {
      if (res.url().endsWith('/conversations') && res.request().method() === 'POST')
        refusals.push(res.status());
    });
    await shop.goto(verifiedPage.url);
    await shop.evaluate(() =>
      window.Parley?.identify({ userId: 'user-7', email: 'mallory@example.com', userHash: 'f'.repeat(64) }),
    );
    await shop.evaluate(() => window.Parley?.open());
    await input(shop).fill('Show me user 7');
    await input(shop).press('Enter');
    await expect.poll(() => log(shop).locator('[data-state="failed"]').count()).toBe(1);
    expect(refusals).toEqual([403]);
    expect(await shop.evaluate((key) => localStorage.getItem(key), `parley:${verifiedWidgetId}`)).toBeNull();

    // The same page with the right hash: identify() is used for the conversation.
    await shop.evaluate(
      (hash) => window.Parley?.identify({ userId: 'user-7', name: 'Mallory', userHash: hash }),
      computeUserHash(identitySecret, 'user-7'),
    );
    await log(shop).locator('[data-state="failed"]').click();
    await expect.poll(() => log(shop).locator('[data-state="sent"]').count()).toBe(1);
    const detail = await tenantApi(
      'GET',
      `/conversations/${await storedConversationId(shop, verifiedWidgetId)}`,
    );
    expect(detail.body.data.variables).toEqual({
      'visitor.id': 'user-7',
      'visitor.name': 'Mallory',
      'visitor.verified': 'true',
    });
    await scoped.close();
  });

  it('appears although its first settings requests failed (network error, 503): retried with backoff', async () => {
    const scoped = await browser.newContext();
    const shop = await scoped.newPage();
    const answers: string[] = [];
    await shop.route(
      (url) => url.pathname === `/api/v1/widget/${widgetId}`,
      async (route) => {
        answers.push(answers.length === 0 ? 'aborted' : answers.length === 1 ? '503' : 'served');
        if (answers.length === 1) return route.abort('connectionrefused');
        if (answers.length === 2) return route.fulfill({ status: 503, body: '{"error":{}}' });
        return route.continue();
      },
    );
    await shop.goto(hostPage.url);
    await expect
      .poll(() => shop.locator(`${W} button[aria-label="Open chat"]`).count(), { timeout: 15_000 })
      .toBe(1);
    expect(answers).toEqual(['aborted', '503', 'served']);
    await scoped.close();
  });

  it('marks a send the server never answers as failed after a timeout, and resends it on click', async () => {
    const { scoped, shop } = await visitorWhoSaid('First message');
    // The next send hangs: the server accepted the connection and says nothing.
    const hanging = (url: URL) => url.pathname.endsWith('/messages');
    await shop.route(hanging, () => undefined);
    await input(shop).fill('Anyone there?');
    await input(shop).press('Enter');
    const failed = log(shop).locator('[data-state="failed"]');
    await expect.poll(() => failed.count(), { timeout: 20_000 }).toBe(1);
    await shop.unroute(hanging);
    await failed.click();
    await expect.poll(() => log(shop).locator('[data-state="sent"]').count()).toBe(2);
    await scoped.close();
  });

  it('confirms a message the server stored although the answer to its send was lost: no "Not sent", no duplicate', async () => {
    const { scoped, shop } = await visitorWhoSaid('Hello');
    // The request reaches the server (stored, echoed on the socket); its response never arrives.
    const sends = (url: URL) => url.pathname.endsWith('/messages');
    await shop.route(sends, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    const lost = shop.waitForEvent('requestfailed');
    await input(shop).fill('Do you ship to Norway?');
    await input(shop).press('Enter');
    await lost;
    const bubbles = () =>
      log(shop)
        .locator('[data-role="visitor"]')
        .evaluateAll((els) => els.map((el) => `${el.textContent} ${el.getAttribute('data-state')}`));
    await expect.poll(bubbles).toEqual(['Hello sent', 'Do you ship to Norway? sent']);
    const detail = await tenantApi('GET', `/conversations/${await storedConversationId(shop, widgetId)}`);
    const contents = (detail.body.data.messages as Array<{ content: string }>).map((m) => m.content);
    expect(contents.filter((c) => c === 'Do you ship to Norway?')).toHaveLength(1);
    await scoped.close();
  });

  it('shares one conversation between two tabs opened before the first message', async () => {
    const scoped = await browser.newContext();
    const [one, two] = [await scoped.newPage(), await scoped.newPage()];
    await openWidget(one, hostPage.url);
    await openWidget(two, hostPage.url);
    await input(one).fill('Hi from tab one');
    await input(one).press('Enter');
    const texts = (p: Page) => log(p).locator('[data-role="visitor"]').allTextContents();
    await expect.poll(() => texts(two)).toEqual(['Hi from tab one']);
    await input(two).fill('And from tab two');
    await input(two).press('Enter');
    await expect.poll(() => texts(one)).toEqual(['Hi from tab one', 'And from tab two']);
    await expect.poll(() => texts(two)).toEqual(['Hi from tab one', 'And from tab two']);
    const conversationId = await storedConversationId(one, widgetId);
    expect(await storedConversationId(two, widgetId)).toBe(conversationId);
    const detail = await tenantApi('GET', `/conversations/${conversationId}`);
    expect((detail.body.data.messages as Array<{ content: string }>).map((m) => m.content)).toEqual([
      'Hi from tab one',
      'And from tab two',
    ]);

    // Logging out in one tab forgets the conversation in the other as well.
    await one.evaluate(() => window.Parley?.reset());
    await expect.poll(() => log(two).locator('[data-role]').count()).toBe(0);
    await scoped.close();
  });

  it('keeps the chat of a visitor mid-conversation when the widget is switched off; new visitors see nothing', async () => {
    const closing = await tenantApi('POST', '/widgets', { name: 'Closing soon', aiEnabled: false });
    const closingId = closing.body.data.id as string;
    const { port } = t.app.server.address() as AddressInfo;
    const site = await startHostPageServer(`http://127.0.0.1:${port}/api/v1/widget/widget.js`, closingId);
    const { scoped, shop } = await visitorWhoSaid('Is my parcel insured?', site.url);
    expect((await tenantApi('PATCH', `/widgets/${closingId}`, { isActive: false })).status).toBe(200);

    await shop.reload();
    await shop.evaluate(() => window.Parley?.open());
    await expect
      .poll(() => log(shop).locator('[data-role]').allTextContents())
      .toEqual(['Is my parcel insured?']);
    await tenantApi('POST', `/conversations/${await storedConversationId(shop, closingId)}/messages`, {
      content: 'Yes, up to 500 EUR.',
      role: 'operator',
    });
    await expect
      .poll(() => log(shop).locator('[data-role="operator"]').allTextContents())
      .toEqual(['Yes, up to 500 EUR.']);

    const stranger = await (await browser.newContext()).newPage();
    const warnings: string[] = [];
    stranger.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await stranger.goto(site.url);
    await expect.poll(() => warnings.some((w) => w.includes('switched off'))).toBe(true);
    expect(await stranger.locator(W).count()).toBe(0);
    await stranger.context().close();
    await scoped.close();
    await site.close();
  });

  it('stays hidden on a page whose origin the widget does not allow, and tells the developer why', async () => {
    const guarded = await tenantApi('POST', '/widgets', {
      name: 'Elsewhere only',
      aiEnabled: false,
      allowedOrigins: ['https://shop.example.com'],
    });
    const { port } = t.app.server.address() as AddressInfo;
    const other = await startHostPageServer(
      `http://127.0.0.1:${port}/api/v1/widget/widget.js`,
      guarded.body.data.id,
    );
    const scoped = await browser.newContext();
    const shop = await scoped.newPage();
    const warnings: string[] = [];
    shop.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await shop.goto(other.url);
    await expect.poll(() => warnings.some((w) => w.includes('allowed origins'))).toBe(true);
    expect(warnings.find((w) => w.includes('allowed origins'))).toContain(new URL(other.url).origin);
    expect(await shop.locator(W).count()).toBe(0);
    await scoped.close();
    await other.close();
  });
});
