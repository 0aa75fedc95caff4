import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  API,
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
  type UpstreamHandler,
} from './testing/upstream.ts';

const specExample = {
  name: 'Order status',
  method: 'GET',
  path: '/orders/{orderId}',
  queryParams: { lang: '{language}' },
  headers: {},
  bodyTemplate: null,
  responseMapping: [
    { from: 'data.status', to: 'order_status' },
    { from: 'data.items[0].name', to: 'first_item' },
  ],
  description: 'Returns the status and ETA of one order',
  fields: [
    {
      name: 'orderId',
      type: 'string',
      required: true,
      description: 'Order number',
      pattern: '^[0-9]{3,10}$',
    },
    { name: 'email', type: 'email', required: true, description: 'Email used for the order' },
  ],
  validations: [
    {
      input: 'email',
      compareWith: 'billing.email',
      type: 'equals_ignore_case',
      errorMessage: "Email doesn't match. Please verify your details.",
    },
  ],
};

const defaultHandler: UpstreamHandler = (req, res) =>
  json(
    res,
    200,
    {
      data: { status: 'shipped', items: [{ name: 'Lamp' }] },
      billing: { email: 'ann@example.com' },
      url: req.url,
    },
    { 'x-upstream': 'yes' },
  );

describe('endpoints CRUD and test', () => {
  let t: TestApp;
  let upstream: Upstream;
  let tenant: Awaited<ReturnType<TestApp['createTenant']>>;
  let connectionId: string;
  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.handle = defaultHandler;
    t = await createTestApp({
      PARLEY_RATE_LIMIT_PER_MIN: '100000',
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
    tenant = await t.createTenant();
    connectionId = (
      await createConnectionVia(t, tenant.headers, {
        baseUrl: `${upstream.origin}/v2`,
        auth: { type: 'bearer', token: 'endpoint-test-token-77' },
      })
    ).id;
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  it('creates the SPEC example exactly, with defaults', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/${connectionId}/endpoints`,
      headers: tenant.headers,
      payload: specExample,
    });
    expect(res.statusCode, res.body).toBe(201);
    const data = res.json().data;
    expect(data).toMatchObject({ ...specExample, connectionId, timeoutMs: 5000, aiCallable: true });
    expect(data.fields[1]).toMatchObject({ name: 'email', type: 'email', required: true });
    const got = await t.app.inject({ url: `${API}/endpoints/${data.id}`, headers: tenant.headers });
    expect(got.json().data).toEqual(data);
    const list = await t.app.inject({
      url: `${API}/connections/${connectionId}/endpoints`,
      headers: tenant.headers,
    });
    expect(list.json()).toMatchObject({ data: [{ id: data.id }], meta: { total: 1 } });
  });

  it('rejects a path variable missing from the declared fields with details naming it, and other bad input', async () => {
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `${API}/connections/${connectionId}/endpoints`,
        headers: tenant.headers,
        payload,
      });
    let res = await post({
      name: 'x',
      path: '/orders/{orderNumber}',
      fields: [{ name: 'orderId', type: 'string', required: true }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.path', message: expect.stringContaining('{orderNumber}') },
    ]);
    for (const payload of [
      { name: 'x', path: '//evil.example/x' },
      { name: 'x', method: 'TRACE' },
      { name: 'x', responseMapping: [{ from: 'a..b', to: 'x' }] },
      { name: 'x', fields: [{ name: 'a', type: 'enum' }] },
      { name: 'x', bodyTemplate: '{"a": ' },
      { name: 'x', validations: [{ input: 'nobody', compareWith: 'a', type: 'equals' }] },
    ]) {
      res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
      expect(res.json().error.details.length).toBeGreaterThan(0);
    }
    // A mapping into a variable no call may write would be dropped on every call: refused at save.
    for (const to of ['visitor.verified', '_pendingRule']) {
      res = await post({ name: 'x', responseMapping: [{ from: 'a', to }] });
      expect(res.statusCode, to).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({
        path: 'body.responseMapping.0.to',
        message: expect.stringContaining('choose another name'),
      });
    }
    // A variable mapped by another endpoint may be used (chained calls).
    await createEndpointVia(t, tenant.headers, connectionId, {
      name: 'login',
      method: 'POST',
      path: '/login',
      responseMapping: [{ from: 'token', to: 'session_id' }],
    });
    res = await post({ name: 'chained', path: '/sessions/{session_id}' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.warnings).toBeUndefined();
  });

  it('saves an endpoint without fields whose path names a variable (params or session), with a warning', async () => {
    // Seed 000's pricing recipe: `GET /products/{productId}/price`, productId given by the rule's params.
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/${connectionId}/endpoints`,
      headers: tenant.headers,
      payload: { name: 'Pricing', path: '/products/{productId}/price' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { warnings, ...endpoint } = res.json().data;
    expect(warnings).toEqual([
      { path: 'body.path', message: expect.stringContaining('{productId} is used in the path') },
    ]);
    expect(warnings[0].message).toContain('params');
    const got = await t.app.inject({ url: `${API}/endpoints/${endpoint.id}`, headers: tenant.headers });
    expect(got.json().data).toEqual(endpoint);

    // Without the variable the call fails before anything is sent, naming it.
    const test = await t.app.inject({
      method: 'POST',
      url: `${API}/endpoints/${endpoint.id}/test`,
      headers: tenant.headers,
      payload: { variables: {} },
    });
    expect(test.json().data.error?.message ?? JSON.stringify(test.json())).toContain('productId');
  });

  it('PATCH changes only what is sent and is validated the same way', async () => {
    const ep = await createEndpointVia(t, tenant.headers, connectionId, {
      path: '/a',
      description: 'first',
      fields: [{ name: 'id', type: 'string', required: false }],
    });
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `${API}/endpoints/${ep.id}`, headers: tenant.headers, payload });
    let res = await patch({ description: 'second', aiCallable: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      path: '/a',
      description: 'second',
      aiCallable: false,
      timeoutMs: 5000,
    });
    res = await patch({ path: '/b/{nope}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'body.path' });
    res = await t.app.inject({ url: `${API}/endpoints/${ep.id}`, headers: tenant.headers });
    expect(res.json().data.path).toBe('/a');
  });

  it('lowers a timeoutMs above the installation ceiling and says so in warnings', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/${connectionId}/endpoints`,
      headers: tenant.headers,
      payload: { name: 'Slow report', path: '/reports', timeoutMs: 20_000 },
    });
    expect(res.statusCode).toBe(201);
    const { timeoutMs, warnings } = res.json().data;
    expect(timeoutMs).toBe(5000);
    expect(warnings).toEqual([
      {
        path: 'body.timeoutMs',
        message: expect.stringContaining('Lowered from 20000 to 5000 ms'),
      },
    ]);
    const within = await t.app.inject({
      method: 'PATCH',
      url: `${API}/endpoints/${res.json().data.id}`,
      headers: tenant.headers,
      payload: { timeoutMs: 3000 },
    });
    expect(within.json().data).toMatchObject({ timeoutMs: 3000 });
    expect(within.json().data.warnings).toBeUndefined();
  });

  it('seals literal credentials in endpoint headers and query parameters', async () => {
    const ep = await createEndpointVia(t, tenant.headers, connectionId, {
      path: '/s',
      headers: { 'X-Api-Key': 'literal-key-abcd', Authorization: 'Bearer {auth_token}', 'X-Plain': 'p' },
      queryParams: { api_key: 'literal-query-wxyz' },
    });
    expect(ep.headers).toEqual({
      'X-Api-Key': '****abcd',
      Authorization: 'Bearer {auth_token}',
      'X-Plain': 'p',
    });
    expect(ep.queryParams).toEqual({ api_key: '****wxyz' });
    const raw = JSON.stringify((await sql`select * from endpoints`.execute(t.ctx.db)).rows);
    expect(raw).not.toContain('literal-key-abcd');
    expect(raw).not.toContain('literal-query-wxyz');
    // Sent as stored, kept by a PATCH that sends the masks back.
    await t.app.inject({
      method: 'PATCH',
      url: `${API}/endpoints/${ep.id}`,
      headers: tenant.headers,
      payload: { headers: ep.headers },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/endpoints/${ep.id}/test`,
      headers: tenant.headers,
      payload: { variables: { auth_token: 'visitor-session' } },
    });
    const sent = upstream.requests.at(-1)!;
    expect(sent.headers['x-api-key']).toBe('literal-key-abcd');
    expect(sent.url).toBe('/v2/s?api_key=literal-query-wxyz');
    expect(res.body).not.toMatch(/literal-key-abcd|literal-query-wxyz/);
  });

  it('test: echoes the redacted request, the response, mapped values and validation', async () => {
    const ep = await createEndpointVia(t, tenant.headers, connectionId, specExample);
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/endpoints/${ep.id}/test`,
      headers: tenant.headers,
      payload: { variables: { orderId: '4521', email: 'ANN@example.com', language: 'en' } },
    });
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data).toMatchObject({
      ok: true,
      request: {
        method: 'GET',
        url: `${upstream.origin}/v2/orders/4521?lang=en`,
        headers: { authorization: '[REDACTED]', accept: 'application/json' },
      },
      response: { status: 200, headers: { 'x-upstream': 'yes' }, body: { data: { status: 'shipped' } } },
      mapped: { order_status: 'shipped', first_item: 'Lamp' },
      missing: [],
      validation: { passed: true, errors: [] },
    });
    expect(data.durationMs).toEqual(expect.any(Number));
    expect(res.body).not.toContain('endpoint-test-token-77');
  });

  it('test: an upstream echoing a Basic credential back shows it redacted, not base64-encoded', async () => {
    const basic = await createConnectionVia(t, tenant.headers, {
      name: 'Basic',
      baseUrl: upstream.origin,
      auth: { type: 'basic', username: 'shop', password: 'basic-pass-9876' },
    });
    upstream.handle = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ youSent: req.headers.authorization }));
    };
    try {
      const ep = await createEndpointVia(t, tenant.headers, basic.id, { method: 'GET', path: '/echo' });
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/endpoints/${ep.id}/test`,
        headers: tenant.headers,
        payload: { variables: {} },
      });
      expect(res.json().data.response.body.youSent).not.toContain(
        Buffer.from('shop:basic-pass-9876').toString('base64'),
      );
      expect(res.body).not.toContain(Buffer.from('shop:basic-pass-9876').toString('base64'));
    } finally {
      upstream.handle = defaultHandler;
    }
  });

  it('test: an upstream 204 is ok, with nothing mapped and the mapping paths listed as unmapped', async () => {
    upstream.handle = (_req, res) => {
      res.writeHead(204, { 'x-upstream': 'yes' });
      res.end();
    };
    try {
      const ep = await createEndpointVia(t, tenant.headers, connectionId, {
        method: 'DELETE',
        path: '/orders/{orderId}',
        fields: [{ name: 'orderId', type: 'string', required: true }],
        responseMapping: [{ from: 'data.status', to: 'order_status' }],
      });
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/endpoints/${ep.id}/test`,
        headers: tenant.headers,
        payload: { variables: { orderId: '4521' } },
      });
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data).toMatchObject({
        ok: true,
        status: 204,
        response: { status: 204, body: '' },
        mapped: {},
        unmapped: ['data.status'],
        validation: { passed: true, errors: [] },
      });
      expect(data.error).toBeUndefined();
    } finally {
      upstream.handle = defaultHandler;
    }
  });

  it('test: missing variables are listed (200), invalid ones are a 400 naming the variable', async () => {
    const ep = await createEndpointVia(t, tenant.headers, connectionId, specExample);
    const before = upstream.requests.length;
    let res = await t.app.inject({
      method: 'POST',
      url: `${API}/endpoints/${ep.id}/test`,
      headers: tenant.headers,
      payload: { variables: { orderId: '4521' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      ok: false,
      missing: ['email'],
      error: { code: 'MISSING_VARIABLES' },
    });
    res = await t.app.inject({
      method: 'POST',
      url: `${API}/endpoints/${ep.id}/test`,
      headers: tenant.headers,
      payload: { variables: { orderId: 'x', email: 'a@b.co' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.variables.orderId', message: expect.any(String) },
    ]);
    res = await t.app.inject({
      method: 'POST',
      url: `${API}/endpoints/${ep.id}/test`,
      headers: tenant.headers,
      payload: { variables: { orderId: '4521', email: 'a@b.co' }, send: false },
    });
    expect(res.json().data).toMatchObject({
      ok: true,
      response: null,
      request: { url: `${upstream.origin}/v2/orders/4521`, headers: { authorization: '[REDACTED]' } },
    });
    expect(upstream.requests.length).toBe(before);
  });

  it("answers 404 for another tenant's endpoints and connections", async () => {
    const ep = await createEndpointVia(t, tenant.headers, connectionId, { path: '/mine' });
    const other = await t.createTenant('Other');
    for (const [method, url] of [
      ['GET', `/endpoints/${ep.id}`],
      ['PATCH', `/endpoints/${ep.id}`],
      ['DELETE', `/endpoints/${ep.id}`],
      ['POST', `/endpoints/${ep.id}/test`],
      ['POST', `/connections/${connectionId}/endpoints`],
      ['GET', `/connections/${connectionId}/endpoints`],
    ] as const) {
      const res = await t.app.inject({
        method,
        url: `${API}${url}`,
        headers: other.headers,
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: { name: 'stolen', variables: {} } }),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const all = await t.app.inject({ url: `${API}/endpoints`, headers: other.headers });
    expect(all.json().data).toEqual([]);
    expect(
      (await t.app.inject({ url: `${API}/endpoints/${ep.id}`, headers: tenant.headers })).statusCode,
    ).toBe(200);
  });

  it('delete removes the endpoint', async () => {
    const ep = await createEndpointVia(t, tenant.headers, connectionId, { path: '/gone' });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `${API}/endpoints/${ep.id}`,
      headers: tenant.headers,
    });
    expect(del.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `${API}/endpoints/${ep.id}`, headers: tenant.headers })).statusCode,
    ).toBe(404);
  });
});
