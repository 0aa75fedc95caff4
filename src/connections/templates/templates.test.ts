import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { executeEndpoint } from '../execute-endpoint.ts';
import { API, json, startUpstream, type Upstream } from '../testing/upstream.ts';

describe('connection templates', () => {
  let t: TestApp;
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.handle = (req, res) => {
      const url = req.url ?? '';
      if (url.startsWith('/wc/orders/4521')) {
        return json(res, 200, {
          id: 4521,
          status: 'processing',
          date_created: '2025-03-01T10:00:00',
          total: '49.90',
          currency: 'EUR',
          billing: { email: 'Ann@Example.com' },
          line_items: [{ name: 'Blue lamp' }],
        });
      }
      if (url === '/auth/login') return json(res, 200, { token: 'session-token-abc' });
      if (url === '/customers/C-7') {
        if (req.headers.authorization !== 'Bearer session-token-abc') return json(res, 401, { error: 'no' });
        return json(res, 200, { plan: 'Pro', balance: '12.00' });
      }
      json(res, 404, { error: 'not found' });
    };
    t = await createTestApp({
      PARLEY_RATE_LIMIT_PER_MIN: '100000',
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  it('lists the five templates with their inputs, endpoints and suggested rule', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({ url: `${API}/connection-templates`, headers: tenant.headers });
    expect(res.statusCode).toBe(200);
    const ids = res.json().data.map((template: { id: string }) => template.id);
    expect(ids).toEqual([
      'woocommerce-order-status',
      'shopify-order-lookup',
      'two-step-token-auth',
      'zendesk-ticket-status',
      'hubspot-contact-lookup',
    ]);
    const woo = res.json().data[0];
    expect(woo).toMatchObject({
      authType: 'basic',
      inputs: [
        expect.objectContaining({ name: 'consumerKey', secret: true }),
        expect.objectContaining({ name: 'consumerSecret' }),
      ],
      endpoints: [{ key: 'order', method: 'GET', path: '/orders/{orderId}' }],
      rule: {
        type: 'ai',
        actions: [
          expect.objectContaining({ type: 'CALL_API', endpointId: 'endpoint:order' }),
          expect.anything(),
        ],
      },
    });
  });

  it('creates every template with placeholders, and its suggested rule is accepted by POST /rules', async () => {
    const tenant = await t.createTenant();
    const list = (await t.app.inject({ url: `${API}/connection-templates`, headers: tenant.headers })).json()
      .data;
    for (const template of list) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/connections/from-template`,
        headers: tenant.headers,
        payload: { templateId: template.id },
      });
      expect(res.statusCode, res.body).toBe(201);
      const { connection, endpoints, rule, notes } = res.json().data;
      expect(connection.baseUrl).toBe(template.baseUrlPlaceholder);
      expect(endpoints).toHaveLength(template.endpoints.length);
      expect(notes.join(' ')).toContain('REPLACE_ME');
      expect(rule.enabled, 'a rule whose lookup can only fail until the placeholders are set').toBe(false);
      const ids = endpoints.map((e: { id: string }) => e.id);
      const referenced = JSON.stringify(rule).match(/"endpointId":"([^"]+)"/g) ?? [];
      expect(referenced.length).toBeGreaterThan(0);
      for (const ref of referenced) expect(ids).toContain(ref.split('"')[3]);
      const created = await t.app.inject({
        method: 'POST',
        url: `${API}/rules`,
        headers: tenant.headers,
        payload: rule,
      });
      expect(created.statusCode, `${template.id}: ${created.body}`).toBe(201);
      expect(created.json().data.enabled).toBe(false);
    }
    const bad = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/from-template`,
      headers: tenant.headers,
      payload: { templateId: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('WooCommerce: the tenant credentials are sealed, sent as Basic, and the email is verified', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/from-template`,
      headers: tenant.headers,
      payload: {
        templateId: 'woocommerce-order-status',
        baseUrl: `${upstream.origin}/wc`,
        consumerKey: 'ck_live_1111',
        consumerSecret: 'cs_live_2222',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.connection.auth).toEqual({
      type: 'basic',
      username: 'ck_live_1111',
      password: '****2222',
    });
    expect(res.json().data.notes).toEqual([]);
    expect(res.json().data.rule.enabled, 'every value given: the suggested rule can go live').not.toBe(false);
    const endpointId = res.json().data.endpoints[0].id;
    const ok = await executeEndpoint(t.ctx, {
      tenantId: tenant.id,
      endpointId,
      variables: { orderId: '4521', email: 'ann@example.com' },
      source: 'rule',
    });
    expect(ok).toMatchObject({
      ok: true,
      mapped: { order_status: 'processing', order_total: '49.90', first_item: 'Blue lamp' },
    });
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(
      `Basic ${Buffer.from('ck_live_1111:cs_live_2222').toString('base64')}`,
    );
    const wrong = await executeEndpoint(t.ctx, {
      tenantId: tenant.id,
      endpointId,
      variables: { orderId: '4521', email: 'eve@example.com' },
      source: 'ai',
    });
    expect(wrong).toMatchObject({
      ok: false,
      mapped: {},
      error: { publicMessage: "Email doesn't match. Please verify your details." },
    });
  });

  it('two-step token auth: the login maps auth_token, which the protected call sends', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/from-template`,
      headers: tenant.headers,
      payload: {
        templateId: 'two-step-token-auth',
        baseUrl: upstream.origin,
        credentials: { username: 'api-user', password: 'api-pass-9876' },
      },
    });
    expect(res.statusCode).toBe(201);
    const [login, account] = res.json().data.endpoints;
    const basic = `Basic ${Buffer.from('api-user:api-pass-9876').toString('base64')}`;
    expect(login.headers.Authorization).toBe(`****${basic.slice(-4)}`);
    expect(account.headers).toEqual({ Authorization: 'Bearer {auth_token}' });
    expect(res.body).not.toContain('api-pass-9876');
    const first = await executeEndpoint(t.ctx, {
      tenantId: tenant.id,
      endpointId: login.id,
      variables: {},
      source: 'rule',
    });
    expect(first.mapped).toEqual({ auth_token: 'session-token-abc' });
    const second = await executeEndpoint(t.ctx, {
      tenantId: tenant.id,
      endpointId: account.id,
      variables: { ...first.mapped, customerId: 'C-7' },
      source: 'rule',
    });
    expect(second).toMatchObject({ ok: true, mapped: { customer_plan: 'Pro', customer_balance: '12.00' } });
  });
});
