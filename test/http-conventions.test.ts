import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

describe('HTTP conventions (SPEC §2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PARLEY_BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => t.close());

  it('answers unknown routes with the 404 envelope', async () => {
    const res = await t.app.inject({ url: '/no/such/route' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('/no/such/route') },
    });
  });

  it('answers malformed JSON with 400 VALIDATION_ERROR', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/api-keys',
      headers: { ...tenant.headers, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
  });

  it('asks for application/json when a body is sent as text/plain or a form', async () => {
    const tenant = await t.createTenant();
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenant-api/api-keys',
        headers: { 'x-api-key': tenant.apiKey.key, 'content-type': type },
        payload: '{"name": "CRM sync"}',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { code: 'VALIDATION_ERROR', message: 'Unsupported Content-Type; send application/json.' },
      });
    }
    // A request without a body may carry any content type (curl -d '' sends a form type): it is
    // read as no body, so the answer is about the fields, not the type.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const empty = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenant-api/api-keys',
        headers: { 'x-api-key': tenant.apiKey.key, 'content-type': type },
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.details).toEqual([{ path: 'body.name', message: expect.any(String) }]);
    }
  });

  it('answers schema violations with 400 and details naming the field', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/api-keys',
      headers: tenant.headers,
      payload: { name: 42 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.name');
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/api-keys',
      headers: tenant.headers,
      payload: { name: 'x'.repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ data: { status: 'ok' } });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().data.status).toBe('ready');
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('parley_http_request_duration_seconds_bucket');
    const openapi = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/api/v1/tenant-api/api-keys');
    expect(Object.keys(openapi.paths)).toContain('/api/v1/platform/tenants');
    const docs = await t.app.inject({ url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('publishes an OpenAPI document a validator accepts, saying which credential each operation needs', async () => {
    const openapi = (await t.app.inject({ url: '/openapi.json' })).json();
    // Rule actions nest through branches: that recursion used to be a $ref to a missing component.
    await expect(SwaggerParser.validate(structuredClone(openapi))).resolves.toBeTruthy();
    expect(openapi.paths['/api/v1/tenant-api/rules'].post.security).toEqual([{ apiKey: [] }]);
    expect(openapi.paths['/api/v1/platform/tenants'].post.security).toEqual([{ platformToken: [] }]);
    expect(openapi.paths['/api/v1/widget/conversations/{id}/messages'].post.security).toEqual([
      { visitorToken: [] },
    ]);
    expect(openapi.paths['/api/v1/widget/{widgetId}/conversations'].post.security).toBeUndefined();
    const errors = openapi.paths['/api/v1/tenant-api/conversations'].get.responses['4XX'];
    expect(errors.content['application/json'].schema.required).toEqual(['error']);
  });
});

describe('every Tenant API list pages the same way (SPEC §2 meta)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  // [path, default limit, maximum]
  const lists: Array<[string, number, number]> = [
    ['/conversations', 20, 100],
    ['/widgets', 200, 200],
    ['/operators', 200, 200],
    ['/api-keys', 200, 200],
    ['/webhooks', 200, 200],
    ['/connection-templates', 200, 200],
    ['/connections', 50, 200],
    ['/endpoints', 50, 200],
    ['/rules', 100, 500],
    ['/call-logs', 50, 200],
    ['/rule-logs', 50, 200],
    ['/ai-usage', 20, 100],
  ];

  it.each(lists)(
    '%s: limit and offset are honoured, a too-large limit is clamped, a bad one is a 400',
    async (path, fallback, max) => {
      const tenant = await t.createTenant();
      const get = (query: string) =>
        t.app.inject({ url: `/api/v1/tenant-api${path}${query}`, headers: tenant.headers });
      const whole = await get('');
      expect(whole.statusCode, whole.body).toBe(200);
      expect(whole.json().meta).toMatchObject({ limit: fallback, offset: 0 });

      const clamped = await get('?limit=100000');
      expect(clamped.statusCode).toBe(200);
      expect(clamped.json().meta.limit).toBe(max);

      const { total } = whole.json().meta;
      const page = await get('?limit=1&offset=1');
      expect(page.json().meta).toEqual({ limit: 1, offset: 1, total });
      expect(page.json().data).toHaveLength(Math.min(1, Math.max(0, total - 1)));
      if (total > 1) expect(page.json().data[0]).toEqual(whole.json().data[1]);

      for (const bad of ['?limit=abc', '?limit=0', '?offset=-1', '?limit=1.5']) {
        const res = await get(bad);
        expect(res.statusCode, bad).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_ERROR');
      }
    },
  );

  it('pages a small collection in order: widgets', async () => {
    const tenant = await t.createTenant();
    for (const name of ['One', 'Two', 'Three']) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenant-api/widgets',
        headers: tenant.headers,
        payload: { name },
      });
    }
    const all = (await t.app.inject({ url: '/api/v1/tenant-api/widgets', headers: tenant.headers })).json();
    expect(all.meta).toEqual({ limit: 200, offset: 0, total: 3 });
    const second = (
      await t.app.inject({ url: '/api/v1/tenant-api/widgets?limit=2&offset=1', headers: tenant.headers })
    ).json();
    expect(second.data.map((w: { name: string }) => w.name)).toEqual(
      all.data.slice(1, 3).map((w: { name: string }) => w.name),
    );
  });
});
