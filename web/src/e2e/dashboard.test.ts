import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/helpers/test-app.ts';
import { type DashboardRig, startDashboardRig } from './dashboard-rig.ts';
import type { TestUpstream } from './test-upstream.ts';

const UPSTREAM_TOKEN = 'shop-token-0123456789';
const ADMIN = { email: 'owner@shop.example', password: 'owner-password-1' };
const OPERATOR = { email: 'agent@shop.example', password: 'agent-password-1' };

/**
 * The dashboard end to end in headless chromium against a real server on a random port: sign in,
 * connection → endpoint → click-to-map → rule → dry run, a visitor (widget API) triggering the
 * rule live in the inbox, an operator reply, API keys shown once, and the operator role's limits.
 */
describe('dashboard (browser)', () => {
  let rig: DashboardRig;
  let t: TestApp;
  let upstream: TestUpstream;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let tenantId: string;
  let apiKey: string;
  let widgetId = '';
  const visitor = { conversationId: '', token: '' };
  const pageErrors: string[] = [];
  const notFound: string[] = [];

  const shot = (name: string) => rig.shot(name);
  const nav = (name: string) => rig.nav(name);
  const signIn = (p: Page, who: { email: string; password: string }) => rig.signIn(p, who);
  const widgetApi = async (method: string, url: string, body?: unknown, token?: string) => {
    const res = await fetch(`${base}/api/v1/widget${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data: Record<string, unknown> & { message?: unknown } },
    };
  };

  beforeAll(async () => {
    rig = await startDashboardRig({
      tenantName: 'Shop Inc',
      upstreamToken: UPSTREAM_TOKEN,
      accounts: [
        { ...ADMIN, name: 'Olivia Owner', role: 'admin' },
        { ...OPERATOR, name: 'Alex Agent', role: 'operator' },
      ],
    });
    ({ t, upstream, context, page, base, tenantId, apiKey } = rig);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() === 404) notFound.push(response.url());
    });
  }, 60_000);

  // A failing step leaves a picture of what the browser showed.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) {
      await shot(`failed-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('signs in (and says why not on a wrong password)', async () => {
    await page.goto(`${base}/app/`);
    await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
    // A first visit is not an "expired session".
    expect(await page.getByText('Your session has ended').count()).toBe(0);
    await shot('sign-in');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();

    await signIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByText('No open conversations.').waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'parley_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
  });

  it('creates a bearer connection, shows the API error next to the field, and tests it', async () => {
    await nav('API connections');
    await page.getByText('No API connections yet.').waitFor();
    await shot('connections-empty');
    await page.getByRole('link', { name: 'New connection' }).click();
    await page.getByLabel('Base URL').fill('not a url');
    await page.getByLabel('Auth type').selectOption('bearer');
    await page.getByLabel('Token').fill(UPSTREAM_TOKEN);
    // Looking at another auth type and coming back keeps what was typed.
    await page.getByLabel('Auth type').selectOption('basic');
    await page.getByLabel('Auth type').selectOption('bearer');
    expect(await page.getByLabel('Token').inputValue()).toBe(UPSTREAM_TOKEN);
    await page.getByRole('button', { name: 'Create connection' }).click();
    // The API's zod details are shown as sentences, not "Too small: expected string…".
    const nameField = page.locator('.field', { has: page.getByLabel('Name') });
    await nameField.locator('.field-error', { hasText: 'Name is required.' }).waitFor();
    await page.getByLabel('Name').fill('Shop API');
    await page.getByRole('button', { name: 'Create connection' }).click();
    // The API's message for body.baseUrl is rendered under the Base URL input.
    const baseUrlField = page.locator('.field', { has: page.getByLabel('Base URL') });
    await baseUrlField.locator('.field-error').waitFor();
    expect(await baseUrlField.locator('.field-error').textContent()).toMatch(/http/i);
    expect(await page.getByLabel('Base URL').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Base URL').fill(upstream.url);
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('heading', { name: 'Shop API' }).waitFor();
    // The stored token is never shown again: masked, with a Replace button.
    expect(await page.getByLabel('Token', { exact: true }).inputValue()).toMatch(/^\*+/);
    expect(await page.content()).not.toContain(UPSTREAM_TOKEN);
    await page.getByRole('button', { name: 'Replace Token' }).waitFor();

    // Saving other fields omits the secret, which keeps the stored one.
    await page.getByLabel('Name').fill('Shop API v2');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('connection-test-result').filter({ hasText: 'Connection works.' }).waitFor();
    expect(upstream.authorizations).toContain(`Bearer ${UPSTREAM_TOKEN}`);
    await page.getByLabel('Name').fill('Shop API');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await shot('connection');
  });

  it('adds an endpoint, tests it and maps response fields by clicking them', async () => {
    await page.getByRole('link', { name: 'Add endpoint' }).click();
    await page.getByLabel('Name').fill('Order status');
    // A new endpoint's AI checkbox follows the method: the AI may call reads, writes only when opted in.
    const aiCallable = page.getByLabel('The AI may call this endpoint');
    expect(await aiCallable.isChecked()).toBe(true);
    await page.getByLabel('Method').selectOption('POST');
    expect(await aiCallable.isChecked()).toBe(false);
    await page.getByLabel('Method').selectOption('GET');
    expect(await aiCallable.isChecked()).toBe(true);
    await page.getByLabel('Path').fill('/orders/{orderId}');
    await page.getByLabel('Description (tells the AI what this returns)').fill('Status and ETA of one order');
    await page.getByRole('button', { name: 'Declare orderId' }).click();
    await page.getByLabel('Field 1 name').waitFor();
    await page.getByRole('button', { name: 'orderId' }).click();
    await page.getByLabel('Sample variables value 1').fill('4521');
    await page.getByRole('button', { name: 'Test endpoint' }).click();
    const result = page.getByTestId('endpoint-test-result');
    await result.getByText('HTTP 200').waitFor();
    expect(await result.textContent()).toContain('/orders/4521');

    await page.getByRole('button', { name: 'Map data.status' }).click();
    await page.getByRole('button', { name: 'Map data.eta' }).click();
    expect(await page.getByLabel('Mapping 1 response path').inputValue()).toBe('data.status');
    expect(await page.getByLabel('Mapping 1 variable').inputValue()).toBe('status');
    expect(await page.getByLabel('Mapping 2 variable').inputValue()).toBe('eta');

    // The first save (by the test) gave the page the endpoint's name.
    await page.getByRole('heading', { level: 1, name: 'Order status' }).waitFor();

    // Testing again saves the new mapping first; the mapped values come back.
    await page.getByRole('button', { name: 'Test endpoint' }).click();
    const mapped = page.getByTestId('mapped-values');
    await mapped.getByText('shipped').waitFor();
    expect(await mapped.textContent()).toContain('Thursday');
    await shot('endpoint');

    // A refused save points at the field; editing it back to what is saved clears the error.
    const path = page.getByLabel('Path', { exact: true });
    await path.fill('/orders/{orderID}');
    await page.getByRole('button', { name: 'Save endpoint' }).click();
    await page.getByText(/Variable \{orderID\} is used in the path but is not declared/).waitFor();
    await expect.poll(() => path.evaluate((input) => input === document.activeElement)).toBe(true);
    await path.fill('/orders/{orderId}');
    await page.getByRole('button', { name: 'Save endpoint' }).click();
    await page.getByText(/is not declared/).waitFor({ state: 'detached' });
    expect(await page.getByText('Please correct the highlighted fields.').count()).toBe(0);
  });

  it('dry-runs an unsaved regex rule with CALL_API + REPLY_TEXT without saving it, then creates it', async () => {
    const storedRules = async () =>
      (
        await t.ctx.db
          .selectFrom('rules')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).n;
    await nav('Rules');
    await page.getByText('No rules yet.').waitFor();
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.getByLabel('Rule name').fill('Order lookup');
    await page.getByRole('button', { name: 'Add action' }).click();
    // The picker names the connection: two "Order status" endpoints stay apart.
    await page
      .getByLabel('Endpoint', { exact: true })
      .selectOption({ label: 'Shop API › Order status (GET /orders/{orderId})' });
    // A static rule cannot ask the visitor for orderId: the editor says how to supply it.
    const unsupplied = page.getByTestId('unsupplied-inputs');
    await unsupplied.filter({ hasText: 'give orderId in params' }).waitFor();
    await page.getByRole('button', { name: 'Add param' }).click();
    await page.getByLabel('Params name 1').fill('orderId');
    await page.getByLabel('Params value 1').fill('{match.1}');
    await unsupplied.waitFor({ state: 'detached' });
    // A branch on an exact code the old list did not offer (the server takes any 100–599).
    await page.getByRole('button', { name: 'Add branch' }).click();
    await page.getByLabel('Branch 1 when: status code').fill('409');
    await page.getByLabel('Branch 1 action 1', { exact: true }).selectOption('SET_STATUS');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByLabel('Reply text').fill('Order {match.1} is {status}, arriving {eta}.');

    // The draft is sent inline and validated like a create: the empty pattern is marked in the editor.
    await page.getByLabel('Visitor message').fill('Where is my order #4521?');
    await page.getByRole('button', { name: 'Test rule' }).click();
    const patternField = page.locator('.field', { has: page.getByLabel('Pattern') });
    await patternField.locator('.field-error', { hasText: 'Pattern is required.' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Fix the rule above before testing it' }).waitFor();

    await page.getByLabel('Pattern').fill('order #?(\\d+)');
    // The reply may use what the call maps and the regex captures, not the endpoint's fields.
    const replyHints = page
      .getByTestId('action')
      .filter({ has: page.getByLabel('Reply text') })
      .getByTestId('variable-hints');
    await replyHints.getByText('{match.1}').waitFor();
    expect(await replyHints.textContent()).toBe('Variables:{match.1}{eta}{status}');
    await page.getByRole('button', { name: 'Test rule' }).click();
    const result = page.getByTestId('rule-test-result');
    await result.getByText('matches', { exact: true }).waitFor();
    const text = await result.textContent();
    expect(text).toContain('Order lookup');
    expect(text).toContain('Call Order status');
    expect(text).toContain('/orders/4521');
    expect(await patternField.locator('.field-error').count()).toBe(0);
    // Testing stored nothing: the rule exists only once it is created.
    expect(await storedRules()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create rule' }).isVisible()).toBe(true);

    // Leaving with unsaved edits asks first, in the app and (closing the tab) in the browser.
    const unloadPrevented = () =>
      page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })));
    expect(await unloadPrevented()).toBe(true);
    await nav('Rules');
    const leave = page.getByRole('dialog');
    await leave.getByText('You have unsaved changes. Leave without saving?').waitFor();
    // The safe choice has the focus: Enter keeps the edits.
    await page.keyboard.press('Enter');
    await leave.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/app/rules/new');
    await nav('Rules');
    await leave.getByRole('button', { name: 'Stay on this page' }).click();
    await leave.waitFor({ state: 'hidden' });
    // The back button asks too, and staying keeps the editor's address.
    await page.goBack();
    await leave.getByRole('button', { name: 'Stay on this page' }).click();
    expect(new URL(page.url()).pathname).toBe('/app/rules/new');
    expect(await page.getByLabel('Rule name').inputValue()).toBe('Order lookup');

    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.getByRole('button', { name: 'Save rule' }).waitFor();
    expect(await unloadPrevented()).toBe(false);
    expect(await storedRules()).toBe(1);
    const stored = await t.ctx.db
      .selectFrom('rules')
      .select('config')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(String(stored.config)).toContain('"status":"409"');
    await shot('rule');
  });

  it('reorders rules by drag and drop and toggles one off', async () => {
    const created = await fetch(`${base}/api/v1/tenant-api/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({
        name: 'Greeting',
        priority: 50,
        conditions: [{ type: 'MESSAGE_CONTAINS', value: 'hello' }],
        actions: [{ type: 'REPLY_TEXT', text: 'Hi there!' }],
      }),
    });
    expect(created.status).toBe(201);
    await nav('Rules');
    const items = page.getByTestId('rule-item');
    await items.nth(1).getByRole('link', { name: 'Greeting' }).waitFor();
    await items.nth(1).dragTo(items.nth(0));
    await items.nth(0).getByRole('link', { name: 'Greeting' }).waitFor();
    const priorities = async () => {
      const rows = await t.ctx.db
        .selectFrom('rules')
        .select(['name', 'priority'])
        .where('tenant_id', '=', tenantId)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.name, Number(r.priority)]));
    };
    await expect.poll(priorities).toEqual({ Greeting: 10, 'Order lookup': 20 });

    await items
      .nth(0)
      .getByRole('checkbox', { name: /Enabled/ })
      .uncheck();
    await expect
      .poll(
        async () =>
          (
            await t.ctx.db
              .selectFrom('rules')
              .select('enabled')
              .where('name', '=', 'Greeting')
              .executeTakeFirstOrThrow()
          ).enabled,
      )
      .toBe(0);
    await shot('rules');
  });

  it('names the rules a connection delete would turn off (and deletes nothing on cancel)', async () => {
    await nav('API connections');
    await page.getByRole('link', { name: 'Shop API' }).click();
    await page.getByRole('button', { name: 'Delete connection' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'This rule will be turned off: “Order lookup”.' })
      .waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete connection' }).waitFor();
  });

  it('imports endpoints from a pasted OpenAPI document', async () => {
    await nav('API connections');
    await page.getByRole('button', { name: 'Import OpenAPI' }).click();
    const spec = {
      openapi: '3.0.3',
      info: { title: 'Inventory', version: '1' },
      servers: [{ url: upstream.url }],
      paths: {
        '/stock/{sku}': {
          get: {
            operationId: 'getStock',
            summary: 'Stock level',
            parameters: [{ name: 'sku', in: 'path', required: true, schema: { type: 'string' } }],
          },
        },
      },
    };
    await page.getByLabel('OpenAPI document or URL').fill(JSON.stringify(spec, null, 2));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 1 endpoint' }).waitFor();
    await page.getByRole('link', { name: 'Inventory' }).first().waitFor();
  });

  it('lists a connection created from a template without a reload', async () => {
    await page.getByRole('button', { name: 'From a template' }).click();
    await page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'HubSpot contact lookup' }) })
      .getByRole('button', { name: 'Use template' })
      .click();
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Created' }).waitFor();
    await page.getByRole('table').getByRole('link', { name: 'HubSpot contact lookup' }).waitFor();
  });

  it('creates a widget and shows its embed snippet', async () => {
    await nav('Widgets');
    await page.getByText('No widgets yet.').waitFor();
    await page.getByRole('button', { name: 'New widget' }).click();
    await page.getByLabel('Widget name').fill('Main site');
    await page.getByRole('button', { name: 'Create widget' }).click();
    const snippet = page.getByLabel(/Embed code/);
    await snippet.waitFor();
    const code = await snippet.inputValue();
    expect(code).toMatch(
      new RegExp(
        `^<script src="${base}/api/v1/widget/widget\\.js" data-widget-id="[0-9a-f-]{36}" async></script>$`,
      ),
    );
    widgetId = /data-widget-id="([^"]+)"/.exec(code)?.[1] ?? '';
    // Its AI is on and the workspace has no credits: the admin learns why visitors get no AI answer.
    await page
      .getByTestId('no-credits')
      .filter({ hasText: 'AI replies are paused: no credits left.' })
      .waitFor();
    await page.getByRole('button', { name: 'Copy snippet to clipboard' }).waitFor();
    await shot('widgets');
  });

  it('shows a visitor’s conversation and the rule’s reply live in the inbox', async () => {
    // The inbox's first list answer is held back until the new conversation's event has arrived,
    // as on a slow network: that older answer must not make the live conversation vanish again.
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))));
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered = () => {};
    const staleAnswer = new Promise<void>((resolve) => {
      answered = resolve;
    });
    await page.route(
      (url) => url.pathname.endsWith('/tenant-api/conversations'),
      async (route) => {
        const response = await route.fetch();
        answered();
        await held;
        await route.fulfill({ response });
      },
      { times: 1 },
    );
    await nav('Inbox');
    await page.getByText('● Live').waitFor();
    await page.getByTestId('no-credits').waitFor();
    await staleAnswer;
    const started = await widgetApi('POST', `/${widgetId}/conversations`, { visitorName: 'Jane Visitor' });
    expect(started.status).toBe(201);
    visitor.conversationId = String(started.body.data.conversationId);
    visitor.token = String(started.body.data.visitorToken);
    await expect
      .poll(() => frames.some((f) => f.includes('conversation.created') && f.includes('Jane Visitor')))
      .toBe(true);
    release();

    // The new conversation appears without a reload (conversation.created over the socket).
    await page.getByRole('link', { name: /Jane Visitor/ }).click();
    await page.getByRole('log', { name: 'Transcript' }).waitFor();

    const sent = await widgetApi(
      'POST',
      `/conversations/${visitor.conversationId}/messages`,
      { content: 'Where is my order #4521?' },
      visitor.token,
    );
    expect(sent.status).toBe(201);
    const log = page.getByRole('log', { name: 'Transcript' });
    await log.locator('[data-role="visitor"]', { hasText: 'Where is my order #4521?' }).waitFor();
    await log.getByText('Order 4521 is shipped, arriving Thursday.').waitFor();
    // Side panel: variables from the mapping, the rule log and the API call.
    const details = page.getByRole('complementary', { name: 'Conversation details' });
    await details.locator('dd', { hasText: /^shipped$/ }).waitFor();
    await page.getByRole('list', { name: 'API calls' }).getByText('/orders/4521').waitFor();
    await page.getByRole('list', { name: 'Rule log' }).getByText('Order lookup').waitFor();
    await page
      .getByRole('list', { name: 'Rule log' })
      .getByText(/Call Order status → HTTP 200/)
      .waitFor();
    await shot('inbox-conversation');
  });

  it('replies as operator, assigns and closes', async () => {
    await page.getByLabel('Reply as operator').fill('Anything else I can help with?');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .getByRole('log', { name: 'Transcript' })
      .locator('[data-role="operator"]', { hasText: 'Anything else' })
      .waitFor();
    const transcript = await widgetApi(
      'GET',
      `/conversations/${visitor.conversationId}/messages`,
      undefined,
      visitor.token,
    );
    expect(JSON.stringify(transcript.body)).toContain('Anything else I can help with?');
    // A right-to-left message reads right to left in the transcript, and so does the reply box.
    const rtl = await widgetApi(
      'POST',
      `/conversations/${visitor.conversationId}/messages`,
      { content: 'شكرا جزيلا' },
      visitor.token,
    );
    expect(rtl.status).toBe(201);
    const arabic = page
      .getByRole('log', { name: 'Transcript' })
      .locator('.message-text', { hasText: 'شكرا جزيلا' });
    await arabic.waitFor();
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await page.getByLabel('Reply as operator').fill('مرحبا');
    expect(await page.getByLabel('Reply as operator').evaluate((el) => getComputedStyle(el).direction)).toBe(
      'rtl',
    );
    await page.getByLabel('Reply as operator').fill('');

    await page.getByLabel('Assigned to').selectOption({ label: 'Olivia Owner' });
    await page.getByRole('button', { name: 'Close conversation' }).click();
    await page.getByTestId('conversation-status').filter({ hasText: 'closed' }).waitFor();
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByTestId('conversation-status').filter({ hasText: 'open' }).waitFor();
    const stored = await t.ctx.db
      .selectFrom('conversations')
      .select(['assigned_to', 'status'])
      .where('id', '=', visitor.conversationId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('open');
    expect(stored.assigned_to).not.toBeNull();
  });

  it('creates an API key that is shown once, then revokes it', async () => {
    await nav('API keys');
    await page.getByLabel('Key name').fill('CI pipeline');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent()) ?? '';
    expect(key).toMatch(/^tak_/);
    const works = await fetch(`${base}/api/v1/tenant-api/widgets`, { headers: { 'x-api-key': key } });
    expect(works.status).toBe(200);
    await shot('api-keys');

    await page.reload();
    await page.getByRole('cell', { name: 'CI pipeline', exact: true }).waitFor();
    expect(await page.content()).not.toContain(key);

    const row = page.getByRole('row', { name: /CI pipeline/ });
    await row.getByRole('button', { name: 'Revoke CI pipeline', exact: true }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('cell', { name: 'CI pipeline', exact: true }).waitFor({ state: 'detached' });
    const revoked = await fetch(`${base}/api/v1/tenant-api/widgets`, { headers: { 'x-api-key': key } });
    expect(revoked.status).toBe(401);
  });

  it('opens every other page with its empty state or data, without script errors', async () => {
    const pages: [string, string, string][] = [
      ['Call log', 'call-log', '/orders/4521'],
      // At zero credits the page says how the installation's operator adds them, for this tenant.
      ['Billing', 'billing', `npx parley tenant credits --id ${tenantId} --amount`],
      ['AI settings', 'ai-settings', 'Provider'],
      ['Webhooks', 'webhooks', 'No webhooks yet.'],
      ['Operators', 'operators', 'Alex Agent'],
    ];
    for (const [link, name, text] of pages) {
      await nav(link);
      await page.getByText(text).first().waitFor();
      await shot(name);
    }
    await nav('Inbox');
    await page.getByRole('button', { name: 'Closed' }).click();
    await page.getByText('No closed conversations.').waitFor();
    expect(pageErrors).toEqual([]);
    // Every page loaded its icon inline: no /favicon.ico 404 in the console.
    expect(notFound.filter((url) => url.endsWith('/favicon.ico'))).toEqual([]);
  });

  it('edits a webhook and sends a failed delivery again from its log', async () => {
    upstream.hookStatus = 500;
    const hookUrl = `${upstream.url}/hooks`;
    await nav('Webhooks');
    const create = page.getByRole('form', { name: 'New webhook' });
    await create.getByLabel('Endpoint URL').fill(hookUrl);
    await create.getByLabel('Description').fill('CRM');
    await create.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByRole('button', { name: 'I have copied it' }).click();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('form', { name: `Edit webhook ${hookUrl}` });
    await edit.getByLabel('Description').fill('CRM sync');
    for (const type of ['conversation.created', 'conversation.updated', 'call.failed']) {
      await edit.getByLabel(type).uncheck();
    }
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Events: message.created', { exact: true }).waitFor();
    await edit.waitFor({ state: 'detached' });
    const listed = await fetch(`${base}/api/v1/tenant-api/webhooks`, { headers: { 'x-api-key': apiKey } });
    const [webhook] = ((await listed.json()) as { data: { description: string; events: string[] }[] }).data;
    expect(webhook).toMatchObject({ description: 'CRM sync', events: ['message.created'] });

    const sent = await fetch(`${base}/api/v1/tenant-api/conversations/${visitor.conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ content: 'A note for the CRM', role: 'operator' }),
    });
    expect(sent.status).toBe(201);
    await expect.poll(() => upstream.hooks.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Deliveries' }).click();
    const row = page.getByRole('row', { name: /message\.created/ });
    await row.getByText('Next attempt').waitFor();
    expect(await row.textContent()).toContain('500');
    await shot('webhook-delivery-failed');

    upstream.hookStatus = 200;
    await row.getByRole('button', { name: /^Retry message\.created from / }).click();
    await page.getByRole('status').filter({ hasText: 'Sending the message.created event again' }).waitFor();
    await row.getByText('succeeded').waitFor();
    expect(upstream.hooks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(upstream.hooks)).toEqual(new Set(['message.created']));
  });

  it('says "Saved." on AI settings and asks before going back to the installation default', async () => {
    await nav('AI settings');
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('button', { name: 'Use the installation default' }).click();
    await page.getByRole('alert').filter({ hasText: 'deletes this workspace’s provider settings' }).waitFor();
    await page.getByRole('button', { name: 'Yes, use the default' }).click();
    await page.getByRole('status').filter({ hasText: 'Now using the installation’s AI provider.' }).waitFor();
    await nav('Inbox');
  });

  it('keeps the closed tab consistent when a live event reopens its only conversation', async () => {
    const setStatus = async (status: string) => {
      const res = await fetch(`${base}/api/v1/tenant-api/conversations/${visitor.conversationId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ status }),
      });
      expect(res.status).toBe(200);
    };
    await setStatus('closed');
    await page.getByRole('button', { name: 'Closed' }).click();
    await page.getByText('● Live').waitFor();
    const jane = page.getByRole('link', { name: /Jane Visitor/ });
    await jane.waitFor();
    // Reopened elsewhere: the conversation leaves this tab, and nothing older is offered.
    await setStatus('open');
    await jane.waitFor({ state: 'detached' });
    await page.getByText('Conversations appear here once they are closed.').waitFor();
    expect(await page.getByRole('button', { name: /Show more/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('link', { name: /Jane Visitor/ }).waitFor();
  });

  it('lays out at 768 px without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 768, height: 1000 });
    for (const [route, name] of [
      [`/inbox/${visitor.conversationId}`, 'inbox-768'],
      ['/connections', 'connections-768'],
      ['/rules', 'rules-768'],
    ]) {
      await page.goto(`${base}/app${route}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      await shot(name);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('keeps an operator out of settings', async () => {
    const agent = await rig.newPage({ width: 1280, height: 900 });
    await signIn(agent, OPERATOR);
    const nav = agent.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Inbox' }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'API connections' }).count()).toBe(0);
    await agent.goto(`${base}/app/connections`);
    await agent.getByText('Only admins can open settings.').waitFor();
    await rig.shot('operator-settings-refused', agent);
    // The API refuses too, whatever the page shows.
    const status = await agent.evaluate(async () => (await fetch('/api/v1/tenant-api/connections')).status);
    expect(status).toBe(403);
    // The inbox is theirs: transcript, rule log and API calls of a conversation.
    await agent.goto(`${base}/app/inbox/${visitor.conversationId}`);
    await agent
      .getByRole('log', { name: 'Transcript' })
      .getByText('Order 4521 is shipped, arriving Thursday.')
      .waitFor();
    await agent.getByRole('list', { name: 'Rule log' }).getByText('Order lookup').waitFor();
    await agent.getByRole('list', { name: 'API calls' }).getByText('/orders/4521').waitFor();
    // The call log shows them each request, without an Endpoint column they could not fill.
    await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Call log' }).click();
    await agent
      .getByRole('cell', { name: /GET .*\/orders\/4521/ })
      .first()
      .waitFor();
    expect(await agent.getByRole('columnheader', { name: 'Endpoint' }).count()).toBe(0);
    await agent.context().close();
  });

  it('adds an operator with a password who can sign in, and resets it', async () => {
    const SAM = { email: 'sam@shop.example', password: 'sam-password-1' };
    await nav('Operators');
    const form = page.getByRole('form', { name: 'Add operator' });
    await form.getByRole('button', { name: 'Add operator' }).click();
    await form.getByText('Name is required.').waitFor();
    // A taken email: the server's 409 stays until another action works.
    await form.getByLabel('Name').fill('Olivia Again');
    await form.getByLabel('Email').fill(ADMIN.email);
    await form.getByRole('button', { name: 'Add operator' }).click();
    const taken = page.getByText('An operator with this email already exists.');
    await taken.waitFor();
    await page.getByRole('checkbox', { name: 'Alex Agent is available' }).click();
    await taken.waitFor({ state: 'detached' });

    await form.getByLabel('Name').fill('Sam Support');
    await form.getByLabel('Email').fill(SAM.email);
    await form.getByLabel('Password (optional)').fill(SAM.password);
    await form.getByRole('button', { name: 'Add operator' }).click();
    await page.getByRole('status').filter({ hasText: 'Added Sam Support: they can sign in' }).waitFor();

    const sam = await rig.newPage();
    await signIn(sam, SAM);
    await sam.getByRole('heading', { name: 'Inbox' }).waitFor();

    // A new password from an admin ends Sam's session; the new one works.
    await page.getByRole('button', { name: 'Set password of Sam Support' }).click();
    await page.getByLabel('New password for Sam Support').fill('sam-password-2');
    await page.getByRole('button', { name: 'Set password', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Password set for Sam Support.' }).waitFor();
    // Sam's open inbox learns it from its event stream, without waiting for a click.
    await sam.getByText('Your session has ended').waitFor();
    await signIn(sam, { ...SAM, password: 'sam-password-2' });
    await sam.context().close();

    // Sam leaves: removing them asks first, then their account (and sign-in) is gone.
    await page.getByRole('button', { name: 'Remove Sam Support' }).click();
    await page.getByText('Their sign-in ends, their conversations become unassigned').waitFor();
    await page.getByRole('button', { name: 'Remove Sam Support' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed Sam Support' }).waitFor();
    const left = await t.ctx.db
      .selectFrom('operators')
      .select('id')
      .where('email', '=', SAM.email)
      .executeTakeFirst();
    expect(left).toBeUndefined();
    // Nobody can remove themselves here (an admin leaving is another admin's call).
    expect(await page.getByRole('button', { name: 'Remove Olivia Owner' }).count()).toBe(0);
  });

  it('asks before admins demote themselves, and shows why the only admin cannot', async () => {
    const role = async () =>
      (
        await t.ctx.db
          .selectFrom('operators')
          .select('role')
          .where('email', '=', ADMIN.email)
          .executeTakeFirstOrThrow()
      ).role;
    await nav('Operators');
    const own = page.getByLabel('Role of Olivia Owner');
    await own.selectOption('operator');
    const ask = page.getByRole('alert').filter({ hasText: 'You will lose access to settings' });
    await ask.waitFor();
    await shot('operators-demote-yourself');
    expect(await role()).toBe('admin');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await own.inputValue()).toBe('admin');

    await own.selectOption('operator');
    await ask.getByRole('button', { name: 'Yes, make me an operator' }).click();
    // The server refuses (409): its message shows, and Olivia stays admin.
    await page.getByRole('alert').filter({ hasText: 'only admin' }).waitFor();
    expect(await role()).toBe('admin');
    expect(await own.inputValue()).toBe('admin');
    await nav('Rules');
    await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
  });

  it('shows the earlier messages of a conversation longer than one page on request', async () => {
    const started = await widgetApi('POST', `/${widgetId}/conversations`, { visitorName: 'Long Talker' });
    const { conversationId, visitorToken } = started.body.data as {
      conversationId: string;
      visitorToken: string;
    };
    for (let i = 1; i <= 205; i++) {
      const sent = await widgetApi(
        'POST',
        `/conversations/${conversationId}/messages`,
        { content: `line ${i}` },
        visitorToken,
      );
      expect(sent.status).toBe(201);
    }
    await page.goto(`${base}/app/inbox/${conversationId}`);
    const log = page.getByRole('log', { name: 'Transcript' });
    await log.getByText('line 205', { exact: true }).waitFor();
    expect(await log.getByText('line 1', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show earlier messages' }).click();
    await log.getByText('line 1', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Show earlier messages' }).waitFor({ state: 'detached' });
    expect(await log.locator('[data-role="visitor"]').count()).toBe(205);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/tenant-api/widgets')).status);
    expect(status).toBe(401);
  });
});
