import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardRig, startDashboardRig } from './dashboard-rig.ts';
import type { TestUpstream } from './test-upstream.ts';

const UPSTREAM_TOKEN = 'forms-token-0123456789';
const ADMIN = { email: 'forms-admin@shop.example', password: 'forms-password-1' };

/**
 * What people type or point at in the dashboard's forms, in headless chromium: nothing typed is
 * thrown away by looking elsewhere, nothing left out looks kept, and keyboard focus lands somewhere
 * sensible after every question and failed submit.
 */
describe('dashboard forms (browser)', () => {
  let rig: DashboardRig;
  let upstream: TestUpstream;
  let page: Page;
  let base: string;
  let apiKey: string;

  const nav = (name: string) => rig.nav(name);
  const hasFocus = (locator: Locator) =>
    expect.poll(() => locator.evaluate((element) => element === document.activeElement)).toBe(true);
  const tenantApi = async (method: string, url: string, body: unknown) => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { data: Record<string, string> }).data;
  };

  beforeAll(async () => {
    rig = await startDashboardRig({
      tenantName: 'Forms Inc',
      upstreamToken: UPSTREAM_TOKEN,
      accounts: [
        { ...ADMIN, name: 'Fay Admin', role: 'admin' },
        { email: 'alex@shop.example', password: 'alex-password-1', name: 'Alex Agent', role: 'operator' },
      ],
    });
    ({ upstream, page, base, apiKey } = rig);
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('asks for an empty email in words and puts the cursor there', async () => {
    await page.goto(`${base}/app/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const emailField = page.locator('.field', { has: page.getByLabel('Email') });
    await emailField.getByText('Enter your email address.').waitFor();
    expect(await page.getByText('Use at least 3 characters.').count()).toBe(0);
    await hasFocus(page.getByLabel('Email'));

    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('keeps the secret typed for each auth type while trying others', async () => {
    await nav('API connections');
    await page.getByRole('link', { name: 'New connection' }).click();
    await page.getByLabel('Name').fill('Shop API');
    await page.getByLabel('Base URL').fill(upstream.url);
    const authType = page.getByLabel('Auth type');
    await authType.selectOption('bearer');
    await page.getByLabel('Token').fill(UPSTREAM_TOKEN);
    await authType.selectOption('basic');
    await page.getByLabel('Password').fill('basic-secret');
    await authType.selectOption('bearer');
    expect(await page.getByLabel('Token').inputValue()).toBe(UPSTREAM_TOKEN);
    await authType.selectOption('basic');
    expect(await page.getByLabel('Password').inputValue()).toBe('basic-secret');
    await authType.selectOption('bearer');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shop API' }).waitFor();
  });

  it('points at a sample variable with a value but no name, and sends nothing until it has one', async () => {
    await page.getByRole('link', { name: 'Add endpoint' }).click();
    await page.getByLabel('Name').fill('Order status');
    await page.getByLabel('Path').fill('/orders/{orderId}');
    await page.getByRole('button', { name: 'Declare orderId' }).click();
    await page.getByRole('button', { name: 'Add sample variable' }).click();
    const name = page.getByLabel('Sample variables name 1');
    await page.getByLabel('Sample variables value 1').fill('4521');
    // The empty name box does not pass for `orderId`, and the row says what it lacks.
    expect(await name.getAttribute('placeholder')).not.toBe('orderId');
    const unnamed = page.getByText('Give this sample variable a name.');
    await unnamed.waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');

    const calls = upstream.authorizations.length;
    await page.getByRole('button', { name: 'Test endpoint' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Name every sample variable that has a value' })
      .waitFor();
    await hasFocus(name);
    expect(await page.getByTestId('endpoint-test-result').count()).toBe(0);
    expect(upstream.authorizations.length).toBe(calls);

    await name.fill('orderId');
    await unnamed.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Test endpoint' }).click();
    await page.getByTestId('endpoint-test-result').getByText('HTTP 200').waitFor();
    expect(await page.getByText('Name every sample variable').count()).toBe(0);
  });

  it('focuses an invalid body template after a refused save', async () => {
    await page.getByLabel('Method').selectOption('POST');
    const body = page.getByLabel('Body template (JSON)');
    await body.fill('{"id": }');
    await page.getByRole('button', { name: 'Save endpoint' }).click();
    await page.getByText('Please correct the highlighted fields.').waitFor();
    await hasFocus(body);
    await body.fill('');
    await page.getByLabel('Method').selectOption('GET');
    await page.getByRole('button', { name: 'Save endpoint' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  });

  it('asks first before Delete and gives the focus back on Cancel', async () => {
    await nav('API connections');
    await page.getByRole('link', { name: 'Shop API', exact: true }).click();
    const remove = page.getByRole('button', { name: 'Delete connection' });
    await remove.click();
    // The safe choice has the focus: Enter does not delete.
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await hasFocus(cancel);
    await page.keyboard.press('Enter');
    await hasFocus(remove);
  });

  it('keeps a pasted OpenAPI document while looking at templates, each named after its template', async () => {
    await nav('API connections');
    await page.getByRole('button', { name: 'Import OpenAPI' }).click();
    const spec = page.getByLabel('OpenAPI document or URL');
    const pasted = 'openapi: 3.0.3\ninfo:\n  title: Inventory\n';
    await spec.fill(pasted);
    await page.getByRole('button', { name: 'From a template' }).click();
    const templates = page.getByRole('region', { name: 'Start from a template' });
    await templates.getByRole('heading', { name: 'HubSpot contact lookup' }).waitFor();
    await page.getByRole('button', { name: 'Import OpenAPI' }).click();
    expect(await spec.inputValue()).toBe(pasted);
    await page.getByRole('button', { name: 'Import OpenAPI' }).click();
    await page.getByRole('button', { name: 'Import OpenAPI' }).click();
    expect(await spec.inputValue()).toBe(pasted);

    // Leaving the page with it asks first.
    await nav('Inbox');
    const leave = page.getByRole('dialog');
    await leave.getByRole('button', { name: 'Stay on this page' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(await spec.inputValue()).toBe(pasted);

    await page.getByRole('button', { name: 'From a template' }).click();
    const headings = await templates.getByRole('heading', { level: 3 }).allTextContents();
    expect(headings.length).toBeGreaterThan(1);
    for (const heading of headings) {
      await templates.getByRole('button', { name: `Use template ${heading}`, exact: true }).waitFor();
    }
    const use = templates.getByRole('button', { name: `Use template ${headings[0]}`, exact: true });
    await use.click();
    await hasFocus(templates.getByLabel('Connection name'));
    await templates.getByRole('button', { name: 'Cancel' }).click();
    await hasFocus(use);

    await page.getByRole('button', { name: 'Import OpenAPI' }).click();
    await spec.fill('');
  });

  it('keeps a half-written reply per conversation while other conversations are open', async () => {
    const widget = await tenantApi('POST', '/tenant-api/widgets', { name: 'Site', aiEnabled: false });
    const start = (visitorName: string) =>
      fetch(`${base}/api/v1/widget/${widget.id}/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ visitorName }),
      });
    expect((await start('Ann Visitor')).status).toBe(201);
    expect((await start('Ben Visitor')).status).toBe(201);
    await nav('Inbox');
    const reply = page.getByLabel('Reply as operator');
    const open = async (name: string) => {
      await page.getByRole('link', { name: new RegExp(name) }).click();
      await page.getByRole('heading', { level: 2, name }).waitFor();
    };

    await open('Ann Visitor');
    await reply.fill('Your parcel left on Monday and');
    await open('Ben Visitor');
    await expect.poll(() => reply.inputValue()).toBe('');
    await reply.fill('Hello Ben');
    await open('Ann Visitor');
    await expect.poll(() => reply.inputValue()).toBe('Your parcel left on Monday and');
    await reply.fill('Your parcel left on Monday.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .getByRole('log', { name: 'Transcript' })
      .locator('[data-role="operator"]', { hasText: 'Your parcel left on Monday.' })
      .waitFor();
    // The transcript may show the reply (over the event stream) before the send's answer cleared the box.
    await expect.poll(() => reply.inputValue()).toBe('');
    await open('Ben Visitor');
    await expect.poll(() => reply.inputValue()).toBe('Hello Ben');
    await open('Ann Visitor');
    await expect.poll(() => reply.inputValue()).toBe('');
  });

  it('moves the focus into "Set password" and back to its button', async () => {
    await nav('Operators');
    const open = page.getByRole('button', { name: 'Set password of Alex Agent' });
    await open.click();
    await hasFocus(page.getByLabel('New password for Alex Agent'));
    await page
      .getByRole('form', { name: 'Password of Alex Agent' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    await hasFocus(open);
  });

  it('puts the focus on the page heading once a revoked key’s row is gone', async () => {
    await nav('API keys');
    await page.getByLabel('Key name').fill('CI pipeline');
    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByTestId('new-api-key').waitFor();
    const row = page.getByRole('row', { name: /CI pipeline/ });
    const revoke = row.getByRole('button', { name: 'Revoke CI pipeline', exact: true });
    await revoke.click();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await hasFocus(revoke);
    await revoke.click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('cell', { name: 'CI pipeline', exact: true }).waitFor({ state: 'detached' });
    await hasFocus(page.getByRole('heading', { level: 1, name: 'API keys' }));
  });
});
