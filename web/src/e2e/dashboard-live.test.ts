import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chargeAiUsage, creditBalance } from '../../../src/ai/credits/ai-usage.ts';
import { type DashboardRig, startDashboardRig } from './dashboard-rig.ts';

const UPSTREAM_TOKEN = 'live-token-0123456789';
const ADMIN = { email: 'lee@shop.example', password: 'lee-password-1' };
const OPERATOR = { email: 'omar@shop.example', password: 'omar-password-1' };
const PHONE = { width: 390, height: 844 };

declare global {
  interface Window {
    /** Set by `controlVisibility`: hides or shows the page as switching tabs would. */
    setPageHidden?: (hidden: boolean) => void;
  }
}

/**
 * Lets the test hide and show the page as switching browser tabs does (headless chromium is
 * always visible), and puts the page's timers on a clock the test moves by hand, so "every 30 s"
 * takes no real 30 s and nothing fires while the test looks.
 */
async function controlVisibility(page: Page) {
  await page.context().addInitScript(() => {
    let hidden = false;
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    window.setPageHidden = (next: boolean) => {
      hidden = next;
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
  await page.clock.install();
}

const setHidden = (page: Page, hidden: boolean) => page.evaluate((h) => window.setPageHidden?.(h), hidden);

/** Stops the page's clock where it is: from here on its timers fire only on `page.clock.runFor`. */
async function pauseClock(page: Page) {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
}

/** API requests the page makes, and how many are still unanswered. */
function watchRequests(page: Page) {
  const urls: string[] = [];
  let open = 0;
  page.on('request', (request) => {
    if (!request.url().includes('/api/')) return;
    urls.push(new URL(request.url()).pathname);
    open++;
  });
  const done = (request: { url(): string }) => {
    if (request.url().includes('/api/')) open--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return { urls, settled: () => expect.poll(() => open).toBe(0) };
}

/**
 * What an operator sees change while the tab stays open: the credit balance as AI replies spend
 * it, webhook deliveries as they are sent; a hidden tab costs the server nothing. And every page
 * at a phone's width.
 */
describe('dashboard live data and phone width (browser)', () => {
  let rig: DashboardRig;
  const seeded = { conversationId: '', connectionId: '', endpointId: '', ruleId: '', webhookId: '' };
  const pages: Page[] = [];

  const tenantApi = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${rig.base}/api/v1/tenant-api${url}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': rig.apiKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${url}`).toBeLessThan(300);
    return ((await res.json()) as { data: Record<string, unknown> & { id: string } }).data;
  };
  const grantCredits = async (amount: number) => {
    const res = await fetch(`${rig.base}/api/v1/platform/tenants/${rig.tenantId}/credits`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${rig.t.environment.env.PARLEY_PLATFORM_TOKEN}`,
      },
      body: JSON.stringify({ amount }),
    });
    expect(res.status).toBe(200);
  };
  // What an AI reply costs, as the AI runtime records it.
  const spendCredits = (credits: number) =>
    chargeAiUsage(rig.t.ctx.db, {
      tenantId: rig.tenantId,
      conversationId: seeded.conversationId,
      kind: 'reply',
      provider: 'embedded',
      model: null,
      inputTokens: 40,
      outputTokens: 20,
      credits,
    });
  const operatorMessage = (content: string) =>
    tenantApi('POST', `/conversations/${seeded.conversationId}/messages`, { content, role: 'operator' });
  const deliveries = async () =>
    (await fetch(`${rig.base}/api/v1/tenant-api/webhooks/${seeded.webhookId}/deliveries?limit=20`, {
      headers: { 'x-api-key': rig.apiKey },
    }).then((res) => res.json())) as {
      data: { id: string; status: string; responseStatus: number | null }[];
    };
  const newPage = async (viewport: { width: number; height: number } = { width: 1280, height: 900 }) => {
    const page = await rig.newPage(viewport);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    rig = await startDashboardRig({
      tenantName: 'Live Inc',
      upstreamToken: UPSTREAM_TOKEN,
      accounts: [
        { ...ADMIN, name: 'Lee Admin', role: 'admin' },
        { ...OPERATOR, name: 'Omar Operator', role: 'operator' },
      ],
    });
    // Something on every page: a conversation, a connection with an endpoint and a logged call,
    // a rule, a second API key and a webhook.
    const widget = await tenantApi('POST', '/widgets', { name: 'Storefront', aiEnabled: false });
    const started = await fetch(`${rig.base}/api/v1/widget/${widget.id}/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        visitorName: 'Priya Visitor with a rather long name',
        visitorEmail: 'priya@example.com',
      }),
    });
    seeded.conversationId = (
      (await started.json()) as { data: { conversationId: string } }
    ).data.conversationId;
    const connection = await tenantApi('POST', '/connections', {
      name: 'Order Management API with a long name',
      baseUrl: rig.upstream.url,
      auth: { type: 'bearer', token: UPSTREAM_TOKEN },
    });
    seeded.connectionId = connection.id;
    const endpoint = await tenantApi('POST', `/connections/${connection.id}/endpoints`, {
      name: 'Order status',
      method: 'GET',
      path: '/orders/{orderId}',
      responseMapping: [{ from: 'data.status', to: 'order_status' }],
    });
    seeded.endpointId = endpoint.id;
    await tenantApi('POST', `/endpoints/${endpoint.id}/test`, { variables: { orderId: '4521' } });
    const rule = await tenantApi('POST', '/rules', {
      name: 'Order lookup',
      priority: 10,
      conditions: [{ type: 'MESSAGE_CONTAINS', value: 'order' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Let me check that order for you.' }],
    });
    seeded.ruleId = rule.id;
    await tenantApi('POST', '/api-keys', { name: 'CRM integration key' });
    const webhook = await tenantApi('POST', '/webhooks', {
      url: `${rig.upstream.url}/hooks`,
      events: ['message.created'],
      description: 'CRM sync',
    });
    seeded.webhookId = webhook.id;
  }, 60_000);

  // A failing step leaves a picture of what each browser showed.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      const name = ctx.task.name.replace(/\W+/g, '-').slice(0, 50);
      for (const [i, page] of pages.entries())
        await rig.shot(`failed-live-${name}-${i}`, page).catch(() => undefined);
    }
    for (const page of pages.splice(0)) await page.context().close();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('refreshes the credit balance every 30 s while the tab is visible, and at once when shown again', async () => {
    await grantCredits(500);
    const page = await newPage();
    await controlVisibility(page);
    await rig.signIn(page, OPERATOR);
    const sidebar = page.getByTestId('sidebar-credits');
    await expect.poll(() => sidebar.textContent()).toBe('500');
    await rig.nav('Billing', page);
    const billing = page.getByTestId('credit-balance');
    await expect.poll(() => billing.textContent()).toBe('500');
    await pauseClock(page);
    const requests = watchRequests(page);

    // An AI reply spends credits: both places show it after the next 30 s, without a reload.
    await spendCredits(120);
    await requests.settled();
    expect(await sidebar.textContent()).toBe('500');
    await page.clock.runFor(30_000);
    await expect.poll(() => sidebar.textContent()).toBe('380');
    await expect.poll(() => billing.textContent()).toBe('380');
    // Sidebar and Billing page show one value: one balance request per refresh, not one each.
    await requests.settled();
    expect(requests.urls.filter((url) => url.endsWith('/billing/balance'))).toHaveLength(1);

    // A hidden tab asks nothing, however long it stays hidden.
    await setHidden(page, true);
    const before = requests.urls.length;
    await grantCredits(200);
    await page.clock.runFor(10 * 60_000);
    await requests.settled();
    expect(requests.urls.slice(before)).toEqual([]);
    expect(await sidebar.textContent()).toBe('380');

    // Coming back shows the new balance at once (the clock stands still).
    await setHidden(page, false);
    await expect.poll(() => sidebar.textContent()).toBe('580');
    await expect.poll(() => billing.textContent()).toBe('580');
    expect(await page.getByRole('heading', { level: 1, name: 'Billing' }).isVisible()).toBe(true);
  });

  it('keeps the last balance on screen when a refresh fails', async () => {
    const shown = String(await creditBalance(rig.t.ctx.db, rig.tenantId));
    const page = await newPage();
    await controlVisibility(page);
    await rig.signIn(page, ADMIN);
    const sidebar = page.getByTestId('sidebar-credits');
    await expect.poll(() => sidebar.textContent()).toBe(shown);
    await rig.nav('Billing', page);
    await page.getByTestId('credit-balance').waitFor();
    await pauseClock(page);
    await page.route('**/billing/balance', (route) =>
      route.fulfill({
        status: 502,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'UPSTREAM_ERROR', message: 'The balance could not be read.' },
        }),
      }),
    );
    let failed = 0;
    page.on('response', (response) => {
      if (response.url().endsWith('/billing/balance') && response.status() === 502) failed++;
    });
    await spendCredits(80);
    await page.clock.runFor(30_000);
    await expect.poll(() => failed).toBe(1);
    expect(await sidebar.textContent()).toBe(shown);
    expect(await page.getByTestId('credit-balance').textContent()).toBe(shown);
    expect(await page.getByText('The balance could not be read.').count()).toBe(0);

    // The next refresh that works shows the balance again.
    await page.unroute('**/billing/balance');
    await page.clock.runFor(30_000);
    await expect.poll(() => sidebar.textContent()).toBe(String(Number(shown) - 80));
  });

  it('shows webhook deliveries change without a reload: on events, on schedule and on Refresh', async () => {
    rig.upstream.hookStatus = 500;
    // Low enough that the page scrolls, to see that a refresh keeps the scroll position.
    const page = await newPage({ width: 1280, height: 500 });
    await controlVisibility(page);
    await rig.signIn(page, ADMIN);
    await rig.nav('Webhooks', page);
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByText('No deliveries yet.').waitFor();
    await page.getByText('● Live').waitFor();
    await pauseClock(page);
    const requests = watchRequests(page);
    const rows = page.getByRole('table').locator('tbody tr');
    const status = (row: Locator) => row.locator('.badge').textContent();
    const retryViaApi = async (index: number, expected: string) => {
      const id = (await deliveries()).data[index].id;
      await tenantApi('POST', `/webhooks/${seeded.webhookId}/deliveries/${id}/retry`);
      await expect
        .poll(async () => (await deliveries()).data[index].status, { timeout: 15_000 })
        .toBe(expected);
    };

    // A message is sent: its event brings the new delivery (the clock stands still).
    const hooks = rig.upstream.hooks.length;
    await operatorMessage('Your order shipped today.');
    await rows.first().waitFor();
    expect(await status(rows.first())).toBe('pending');
    await expect.poll(() => rig.upstream.hooks.length).toBeGreaterThan(hooks);

    // Sent again elsewhere (no event): the next scheduled refresh shows it delivered.
    // Any refresh a second event asked for (5 s after the first) is done; the next is due in 10 s.
    await page.clock.runFor(6_000);
    await requests.settled();
    rig.upstream.hookStatus = 200;
    await retryViaApi(0, 'succeeded');
    await requests.settled();
    expect(await status(rows.first())).toBe('pending');
    await page.clock.runFor(10_000);
    await expect.poll(() => status(rows.first())).toBe('succeeded');

    // Another delivery fails, then goes through elsewhere: Refresh shows it. (Its event comes more
    // than the 5 s after the last refresh that events wait between refreshes.)
    await page.clock.runFor(6_000);
    await requests.settled();
    rig.upstream.hookStatus = 500;
    await operatorMessage('It arrives on Thursday.');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await status(rows.first())).toBe('pending');
    rig.upstream.hookStatus = 200;
    await retryViaApi(0, 'succeeded');
    await requests.settled();
    expect(await status(rows.first())).toBe('pending');
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.scrollIntoViewIfNeeded();
    const scroll = await page.evaluate(() => window.scrollY);
    expect(scroll).toBeGreaterThan(0);
    await refresh.click();
    await expect.poll(() => status(rows.first())).toBe('succeeded');
    // No loading flash: the table, the open log and the scroll position stay.
    expect(await page.getByText('Loading…').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Deliveries' }).getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => window.scrollY)).toBe(scroll);

    // Hidden: events still arrive, but nothing is fetched until the page is shown.
    await page.clock.runFor(6_000);
    await requests.settled();
    await setHidden(page, true);
    const before = requests.urls.length;
    await operatorMessage('Anything else?');
    await expect.poll(async () => (await deliveries()).data.length).toBe(3);
    await page.clock.runFor(10 * 60_000);
    await requests.settled();
    expect(requests.urls.slice(before)).toEqual([]);
    expect(await rows.count()).toBe(2);
    await setHidden(page, false);
    await expect.poll(() => rows.count()).toBe(3);
  });

  /** Parts of a page that only show after a click, opened before measuring. */
  const openParts: Record<string, (page: Page) => Promise<void>> = {
    '/webhooks': async (page) => {
      await page.getByRole('button', { name: 'Deliveries' }).click();
      await page.getByRole('table').waitFor();
    },
    '/widgets': async (page) => {
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('checkbox').first().waitFor();
    },
  };

  /** Opens each route at a phone's width and lists those the page scrolls sideways on. */
  async function tooWideAtPhoneWidth(
    who: { email: string; password: string },
    label: string,
    routes: string[],
  ) {
    const page = await newPage(PHONE);
    await rig.signIn(page, who);
    const wide: { route: string; scrollWidth: number; sticksOut: string[] }[] = [];
    for (const route of routes) {
      await page.goto(`${rig.base}/app${route}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await openParts[route]?.(page);
      const measured = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        // The outermost elements past the right edge: what to fix when this fails.
        const sticksOut = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .filter(
            (el) =>
              !el.parentElement ||
              el.parentElement.getBoundingClientRect().right <= width + 1 ||
              // Positioned out of its scrolling wrapper (an .sr-only label in a wide table).
              getComputedStyle(el).position === 'absolute',
          )
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
        return { scrollWidth: document.documentElement.scrollWidth, sticksOut };
      });
      await rig.shot(`${label}${route.replace(/\/[0-9a-f-]{36}/g, '/id').replace(/\W+/g, '-')}-390`, page);
      if (measured.scrollWidth > PHONE.width) wide.push({ route, ...measured });
    }
    return wide;
  }

  it('lays out every page at 390 px without horizontal page scroll, as an admin', async () => {
    // At least one delivery for the webhook's log (a ping is logged like any event).
    await tenantApi('POST', `/webhooks/${seeded.webhookId}/test`);
    const wide = await tooWideAtPhoneWidth(ADMIN, 'admin', [
      '/inbox',
      `/inbox/${seeded.conversationId}`,
      '/call-logs',
      '/billing',
      '/connections',
      `/connections/${seeded.connectionId}`,
      `/connections/${seeded.connectionId}/endpoints/new`,
      `/endpoints/${seeded.endpointId}`,
      '/rules',
      '/rules/new',
      `/rules/${seeded.ruleId}`,
      '/widgets',
      '/api-keys',
      '/ai',
      '/webhooks',
      '/operators',
    ]);
    expect(wide).toEqual([]);
  }, 90_000);

  it('lays out every page at 390 px without horizontal page scroll, as an operator', async () => {
    const wide = await tooWideAtPhoneWidth(OPERATOR, 'operator', [
      '/inbox',
      `/inbox/${seeded.conversationId}`,
      '/call-logs',
      '/billing',
      '/connections',
    ]);
    expect(wide).toEqual([]);
  });
});
