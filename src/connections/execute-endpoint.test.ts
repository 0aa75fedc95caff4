import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { startTestServer, type TestServer } from '../http/guarded-fetch/test-server.ts';
import { executeEndpoint } from './execute-endpoint.ts';
import {
  API,
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from './testing/upstream.ts';

describe('executeEndpoint', () => {
  let t: TestApp;
  let upstream: Upstream;
  let canary: TestServer;
  let tenant: Awaited<ReturnType<TestApp['createTenant']>>;
  let connectionId: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    canary = await startTestServer();
    upstream.handle = (req, res, recorded) => {
      const path = req.url?.split('?')[0];
      switch (path) {
        case '/hang':
          return; // never answers
        case '/huge':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ blob: 'x'.repeat(10_000) }));
        case '/loop':
          res.writeHead(302, { location: '/loop' });
          return res.end();
        case '/reset':
          return req.socket.destroy();
        case '/not-json':
          res.writeHead(200, { 'content-type': 'text/html' });
          return res.end('<html>oops</html>');
        case '/server-error':
          return json(res, 503, { message: 'down' });
        case '/status':
          return json(res, Number(new URL(req.url ?? '/', 'http://x').searchParams.get('code')), {
            secret: 'internal detail',
          });
        case '/no-content':
          res.writeHead(204);
          return res.end();
        case '/empty-200':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('\n');
        case '/order':
          return json(res, 200, {
            id: 12345678901234567890n.toString(),
            billing: { email: 'Ann@Example.com' },
            data: { status: 'shipped', items: [{ name: 'Lamp' }] },
          });
        default:
          return json(res, 200, { method: req.method, url: req.url, body: recorded.body, big: 1 });
      }
    };
    t = await createTestApp({
      PARLEY_RATE_LIMIT_PER_MIN: '100000',
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
      PARLEY_OUTBOUND_MAX_BYTES: '4096',
    });
    tenant = await t.createTenant();
    connectionId = (await createConnectionVia(t, tenant.headers, { baseUrl: `${upstream.origin}/` })).id;
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
    await canary.close();
  });

  const endpoint = (body: Record<string, unknown>) =>
    createEndpointVia(t, tenant.headers, connectionId, body);
  const run = (
    endpointId: string,
    variables: Record<string, unknown> = {},
    source: 'rule' | 'ai' | 'test' = 'rule',
  ) =>
    executeEndpoint(t.ctx, { tenantId: tenant.id, endpointId, variables, source, conversationId: 'conv-1' });
  const callLogs = async (endpointId: string) =>
    (await t.app.inject({ url: `${API}/call-logs?endpointId=${endpointId}`, headers: tenant.headers })).json()
      .data;

  it('really sends each method, with a JSON body where one is templated', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const ep = await endpoint({
        method,
        path: '/items/{id}',
        bodyTemplate: method === 'GET' ? null : { id: '{id}', note: 'Hi {name}' },
        fields: [
          { name: 'id', type: 'integer', required: true },
          { name: 'name', type: 'string' },
        ],
        responseMapping: [{ from: 'method', to: 'seen_method' }],
      });
      const result = await run(ep.id, { id: '7', name: 'Ann "the" admin' });
      expect(result.ok, JSON.stringify(result.error)).toBe(true);
      expect(result.mapped.seen_method).toBe(method);
      const sent = upstream.requests.at(-1)!;
      expect(sent.method).toBe(method);
      expect(sent.url).toBe('/items/7');
      if (method !== 'GET') {
        expect(sent.headers['content-type']).toBe('application/json');
        expect(JSON.parse(sent.body)).toEqual({ id: 7, note: 'Hi Ann "the" admin' });
      } else {
        expect(sent.body).toBe('');
      }
    }
  });

  it('leaves optional body fields that are not given (absent, null or blank) out of the JSON body', async () => {
    const ep = await endpoint({
      method: 'POST',
      path: '/cart',
      bodyTemplate: { sku: '{sku}', qty: '{qty}', note: 'for {name}', tags: ['{tag}'] },
      fields: [
        { name: 'sku', type: 'string', required: true },
        { name: 'qty', type: 'integer' },
        { name: 'name', type: 'string' },
        { name: 'tag', type: 'string' },
      ],
    });
    const sentBody = async (variables: Record<string, unknown>) => {
      const result = await run(ep.id, variables);
      expect(result.ok, JSON.stringify(result.error)).toBe(true);
      return JSON.parse(upstream.requests.at(-1)!.body);
    };
    expect(await sentBody({ sku: 'A1' })).toEqual({ sku: 'A1', note: 'for ', tags: [null] });
    expect(await sentBody({ sku: 'A1', qty: null })).toEqual({ sku: 'A1', note: 'for ', tags: [null] });
    // A CALL_API param "{qty}" whose variable is unset arrives as "".
    expect(await sentBody({ sku: 'A1', qty: '' })).toEqual({ sku: 'A1', note: 'for ', tags: [null] });
    expect(await sentBody({ sku: 'A1', qty: '2', name: 'Ann', tag: 'gift' })).toEqual({
      sku: 'A1',
      qty: 2,
      note: 'for Ann',
      tags: ['gift'],
    });
  });

  it('maps with exact big integers and keeps path values inside their segment', async () => {
    const ep = await endpoint({
      path: '/order',
      responseMapping: [
        { from: 'id', to: 'order_id' },
        { from: 'data.items[0].name', to: 'first_item' },
        { from: 'data.eta', to: 'eta' },
      ],
    });
    const result = await run(ep.id);
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      mapped: { order_id: '12345678901234567890', first_item: 'Lamp' },
      unmapped: ['data.eta'],
    });
    const traversal = await endpoint({
      path: '/x/{p}',
      fields: [{ name: 'p', type: 'string', required: true }],
    });
    expect((await run(traversal.id, { p: 'a/b?c#d' })).ok).toBe(true);
    expect(upstream.requests.at(-1)!.url).toBe('/x/a%2Fb%3Fc%23d');
    const before = upstream.requests.length;
    const dots = await run(traversal.id, { p: '..' });
    expect(dots).toMatchObject({ ok: false, error: { code: 'INVALID_VARIABLES' } });
    expect(upstream.requests.length).toBe(before);
  });

  it('fails before any call when a required variable is missing or a field value is invalid', async () => {
    const ep = await endpoint({
      path: '/orders/{orderId}',
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
    });
    const before = upstream.requests.length;
    const missing = await run(ep.id, { orderId: '4521' });
    expect(missing).toMatchObject({ ok: false, missing: ['email'], error: { code: 'MISSING_VARIABLES' } });
    expect(missing.error?.publicMessage).toContain('Email used for the order');
    const invalid = await run(ep.id, { orderId: 'abc', email: 'ann@example.com' });
    expect(invalid).toMatchObject({
      ok: false,
      missing: [],
      invalid: [{ field: 'orderId' }],
      error: { code: 'INVALID_VARIABLES' },
    });
    const header = await endpoint({
      path: '/h',
      headers: { 'X-Who': '{who}' },
      fields: [{ name: 'who', type: 'string' }],
    });
    expect(await run(header.id, { who: 'a\r\nX-Injected: 1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VARIABLES' },
    });
    expect(upstream.requests.length).toBe(before);
    expect(await callLogs(ep.id)).toEqual([]);
  });

  it('runs validations before mapping and never leaks data when one fails', async () => {
    const ep = await endpoint({
      path: '/order',
      fields: [{ name: 'email', type: 'email', required: true }],
      responseMapping: [{ from: 'data.status', to: 'order_status' }],
      validations: [
        {
          input: 'email',
          compareWith: 'billing.email',
          type: 'equals_ignore_case',
          errorMessage: "Email doesn't match. Please verify your details.",
        },
      ],
    });
    const good = await run(ep.id, { email: 'ann@example.com' });
    expect(good).toMatchObject({
      ok: true,
      mapped: { order_status: 'shipped' },
      validation: { passed: true },
    });

    const bad = await run(ep.id, { email: 'eve@example.com' }, 'ai');
    expect(bad.ok).toBe(false);
    expect(bad.mapped).toEqual({});
    expect(bad.validation.passed).toBe(false);
    expect(bad.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      publicMessage: "Email doesn't match. Please verify your details.",
    });
    expect(bad.response).toBeUndefined();
    expect(JSON.stringify(bad)).not.toMatch(/shipped|Ann@Example|Lamp/);
    const logs = await callLogs(ep.id);
    expect(logs[0]).toMatchObject({
      ok: false,
      status: 200,
      error: expect.stringContaining('VALIDATION_FAILED'),
    });

    const test = await t.app.inject({
      method: 'POST',
      url: `${API}/endpoints/${ep.id}/test`,
      headers: tenant.headers,
      payload: { variables: { email: 'eve@example.com' } },
    });
    expect(test.json().data).toMatchObject({ ok: false, mapped: {}, validation: { passed: false } });
  });

  it('a 2xx without a body (204, empty 200) is a success with nothing mapped; the paths are unmapped', async () => {
    for (const [path, status] of [
      ['/no-content', 204],
      ['/empty-200', 200],
    ] as const) {
      const ep = await endpoint({
        method: 'POST',
        path,
        responseMapping: [
          { from: 'data.status', to: 'order_status' },
          { from: 'id', to: 'order_id' },
        ],
      });
      const result = await run(ep.id);
      expect(result, path).toMatchObject({
        ok: true,
        status,
        mapped: {},
        unmapped: ['data.status', 'id'],
        validation: { passed: true, errors: [] },
      });
      expect(result.error).toBeUndefined();
      expect((await callLogs(ep.id))[0]).toMatchObject({ ok: true, status, error: null });
    }
    // Validations guard who may see data and fail closed: an empty body cannot pass them.
    const guarded = await endpoint({
      path: '/no-content',
      fields: [{ name: 'email', type: 'email', required: true }],
      validations: [
        { input: 'email', compareWith: 'billing.email', type: 'equals', errorMessage: 'Not verified.' },
      ],
    });
    expect(await run(guarded.id, { email: 'ann@example.com' })).toMatchObject({
      ok: false,
      status: 204,
      error: { code: 'VALIDATION_FAILED', publicMessage: 'Not verified.' },
    });
  });

  it.each([
    ['/hang', { timeoutMs: 150 }, 'TIMEOUT', /timed out after 150 ms/],
    ['/huge', {}, 'TOO_LARGE', /larger than 4096 bytes/],
    ['/loop', {}, 'TOO_MANY_REDIRECTS', /more than 3 redirects/],
    ['/reset', {}, 'NETWORK', /closed the connection/],
    ['/not-json', { responseMapping: [{ from: 'a', to: 'b' }] }, 'INVALID_RESPONSE', /not JSON/],
    ['/server-error', {}, 'HTTP_ERROR', /HTTP 503/],
  ])('%s → ok:false with %s, a clear message and a call-log entry', async (path, extra, code, message) => {
    const ep = await endpoint({ path, ...extra });
    const result = await run(ep.id);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe(code);
    expect(result.error?.message).toMatch(message);
    expect(result.error?.publicMessage).not.toMatch(/127\.0\.0\.1|\d{4,5}/);
    const [log] = await callLogs(ep.id);
    expect(log).toMatchObject({
      endpointId: ep.id,
      connectionId,
      conversationId: 'conv-1',
      source: 'rule',
      method: 'GET',
      url: `${upstream.origin}${path}`,
      ok: false,
      error: expect.stringContaining(code),
    });
    expect(log.durationMs).toEqual(expect.any(Number));
  });

  it('tells visitors and models whether the details were not found or not accepted, or the service is down', async () => {
    const messages: Record<number, RegExp> = {
      404: /^Nothing was found for those details/,
      410: /^Nothing was found for those details/,
      422: /^The service could not accept those details/,
      400: /^The service could not accept those details/,
      429: /^The service is busy right now/,
      401: /^The external service is not available right now/,
      500: /^The external service is not available right now/,
    };
    for (const [code, publicMessage] of Object.entries(messages)) {
      const ep = await endpoint({ path: '/status', queryParams: { code } });
      const result = await run(ep.id);
      expect(result.error, code).toMatchObject({
        code: 'HTTP_ERROR',
        message: `The API answered HTTP ${code}`,
      });
      expect(result.error?.publicMessage, code).toMatch(publicMessage);
      expect(result.error?.publicMessage).not.toContain('internal detail');
    }
  });

  it('clamps the endpoint timeout to PARLEY_OUTBOUND_TIMEOUT_MS', async () => {
    const ep = await endpoint({ path: '/x', timeoutMs: 60_000 });
    expect(ep.timeoutMs).toBe(5000);
    expect((await endpoint({ path: '/x' })).timeoutMs).toBe(5000);
  });

  it('SSRF: a blocked base URL can be saved, but calling or testing it is refused and nothing reaches it', async () => {
    for (const baseUrl of [
      canary.origin,
      `http://localhost:${canary.port}`,
      `http://2130706433:${canary.port}`,
    ]) {
      const blocked = await createConnectionVia(t, tenant.headers, {
        baseUrl,
        auth: { type: 'bearer', token: 'ssrf-token-9999' },
      });
      const ep = await createEndpointVia(t, tenant.headers, blocked.id, { path: '/admin' });
      const result = await run(ep.id);
      expect(result).toMatchObject({ ok: false, error: { code: 'BLOCKED' } });
      expect(result.error?.message).toContain('PARLEY_OUTBOUND_ALLOW');
      expect(result.error?.publicMessage).not.toMatch(/127|PARLEY|loopback/);

      const test = await t.app.inject({
        method: 'POST',
        url: `${API}/endpoints/${ep.id}/test`,
        headers: tenant.headers,
        payload: {},
      });
      expect(test.statusCode).toBe(200);
      expect(test.json().data).toMatchObject({
        ok: false,
        error: { code: 'BLOCKED', message: expect.stringContaining('PARLEY_OUTBOUND_ALLOW') },
      });
      const conn = await t.app.inject({
        method: 'POST',
        url: `${API}/connections/${blocked.id}/test`,
        headers: tenant.headers,
      });
      expect(conn.json().data).toMatchObject({
        ok: false,
        message: expect.stringContaining('PARLEY_OUTBOUND_ALLOW'),
      });
    }
    const metadata = await createConnectionVia(t, tenant.headers, {
      baseUrl: 'http://169.254.169.254/latest',
    });
    const ep = await createEndpointVia(t, tenant.headers, metadata.id, { path: '/meta-data' });
    expect((await run(ep.id)).error?.code).toBe('BLOCKED');
    expect(canary.connections).toBe(0);
    expect(canary.requests).toHaveLength(0);
    expect(t.logs()).not.toContain('ssrf-token-9999');
  });

  it('a dry run (send: false) resolves the request without calling', async () => {
    const ep = await endpoint({
      method: 'POST',
      path: '/orders/{orderId}',
      queryParams: { lang: '{language}' },
      bodyTemplate: '{"qty": {qty}}',
      fields: [
        { name: 'orderId', type: 'string', required: true },
        { name: 'qty', type: 'integer' },
      ],
    });
    const before = upstream.requests.length;
    const result = await executeEndpoint(t.ctx, {
      tenantId: tenant.id,
      endpointId: ep.id,
      variables: { orderId: '42', qty: '3', language: 'de' },
      source: 'test',
      send: false,
    });
    expect(result.ok).toBe(true);
    expect(result.request).toEqual({
      method: 'POST',
      url: `${upstream.origin}/orders/42?lang=de`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"qty":3}',
    });
    expect(upstream.requests.length).toBe(before);
  });

  it("does not run another tenant's endpoint", async () => {
    const ep = await endpoint({ path: '/x' });
    const other = await t.createTenant('Other');
    const result = await executeEndpoint(t.ctx, {
      tenantId: other.id,
      endpointId: ep.id,
      variables: {},
      source: 'rule',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
