import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createWidget } from '../conversations/conversation-test-kit.ts';
import { registerErrorHandling } from './error-handler.ts';
import { methodNotAllowedMessage } from './method-not-allowed.ts';

const api = '/api/v1/tenant-api';

describe('a known path asked with a method it does not support', () => {
  let t: TestApp;
  let tenant: Awaited<ReturnType<TestApp['createTenant']>>;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await t.createTenant();
  });
  afterAll(() => t.close());

  it('answers 405 METHOD_NOT_ALLOWED with an Allow header, not 404', async () => {
    const widget = await createWidget(t, tenant.headers);
    const url = `${api}/widgets/${widget.id}`;
    const res = await t.app.inject({ method: 'DELETE', url, headers: tenant.headers });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, PATCH');
    expect(res.json()).toEqual({
      error: { code: 'METHOD_NOT_ALLOWED', message: `DELETE is not supported on ${url}; use GET or PATCH.` },
    });
  });

  it('lists every method of the path, also with a query string or a trailing slash', async () => {
    const url = `${api}/rules/0190a000-0000-7000-8000-000000000000`;
    for (const asked of [url, `${url}/`, `${url}?x=1`]) {
      const res = await t.app.inject({ method: 'PUT', url: asked, headers: tenant.headers });
      expect(res.statusCode, asked).toBe(405);
      expect(res.headers.allow, asked).toBe('GET, HEAD, PATCH, DELETE');
      expect(res.json().error.message, asked).toBe(
        `PUT is not supported on ${asked.split('?')[0]}; use GET, PATCH or DELETE.`,
      );
    }
    const postOnly = await t.app.inject({
      method: 'GET',
      url: `${api}/conversations/0190a000-0000-7000-8000-000000000000/messages`,
      headers: tenant.headers,
    });
    expect(postOnly.statusCode).toBe(405);
    expect(postOnly.headers.allow).toBe('POST');
  });

  it('still answers 404 for unknown paths, including under the widget API preflight catch-all', async () => {
    for (const [method, url] of [
      ['GET', `${api}/nothing-here`],
      ['DELETE', `${api}/widgets/x/y`],
      ['GET', '/api/v1/widget/a/b/c/d'],
      ['POST', '/nowhere'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: tenant.headers });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect(res.headers.allow).toBeUndefined();
    }
  });

  it('leaves HEAD of a GET route and the widget API preflight as they were', async () => {
    const widget = await createWidget(t, tenant.headers);
    const head = await t.app.inject({
      method: 'HEAD',
      url: `${api}/widgets/${widget.id}`,
      headers: tenant.headers,
    });
    expect(head.statusCode).toBe(200);
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: `/api/v1/widget/${widget.id}/conversations`,
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example');
  });

  it('keeps the 404 of a route that finds nothing itself (reply.callNotFound)', async () => {
    const app = Fastify();
    registerErrorHandling(app);
    app.get('/assets/*', async (_request, reply) => reply.callNotFound());
    const res = await app.inject('/assets/stale-build.js');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await app.inject({ method: 'POST', url: '/assets/x.js' })).statusCode).toBe(405);
    await app.close();
  });

  it('names the usable methods without HEAD and OPTIONS', () => {
    expect(methodNotAllowedMessage('PUT', '/x', ['POST'])).toBe('PUT is not supported on /x; use POST.');
    expect(methodNotAllowedMessage('POST', '/x', ['GET', 'HEAD', 'OPTIONS'])).toBe(
      'POST is not supported on /x; use GET.',
    );
  });
});
