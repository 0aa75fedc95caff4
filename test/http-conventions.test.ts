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
});
