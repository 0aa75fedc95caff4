import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createWidget, startVisitor } from '../conversations/conversation-test-kit.ts';

const api = '/api/v1/tenant-api';
const platformAuth = { authorization: 'Bearer test-platform-token-0123456789' };
const json = { 'content-type': 'application/json' };
const nulMessage = (path: string) => `${path}: text may not contain the NUL character (\\u0000)`;

/** Sends raw bytes to a listening app and returns everything it answers before closing. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('errors at the HTTP edge keep the SPEC §2 envelope', () => {
  let t: TestApp;
  let tenant: Awaited<ReturnType<TestApp['createTenant']>>;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await t.createTenant();
  });
  afterAll(() => t.close());

  describe('the NUL character (PostgreSQL cannot store it, so neither database accepts it)', () => {
    it('rejects it in a Tenant API message, naming the field', async () => {
      const widget = await createWidget(t, tenant.headers);
      const visitor = await startVisitor(t.app, widget.id);
      const res = await t.app.inject({
        method: 'POST',
        url: `${api}/conversations/${visitor.conversationId}/messages`,
        headers: { ...tenant.headers, ...json },
        payload: '{"content":"nul\\u0000byte","role":"operator"}',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: {
          code: 'VALIDATION_ERROR',
          message: nulMessage('content'),
          details: [{ path: 'body.content', message: 'text may not contain the NUL character (\\u0000)' }],
        },
      });
    });

    it('rejects it in a visitor message, a widget name, a tenant name and a nested key', async () => {
      const widget = await createWidget(t, tenant.headers);
      const visitor = await startVisitor(t.app, widget.id);
      const cases = [
        {
          url: `/api/v1/widget/conversations/${visitor.conversationId}/messages`,
          headers: { authorization: `Bearer ${visitor.visitorToken}` },
          payload: '{"content":"hi\\u0000"}',
          path: 'content',
        },
        { url: `${api}/widgets`, headers: tenant.headers, payload: '{"name":"\\u0000"}', path: 'name' },
        {
          url: '/api/v1/platform/tenants',
          headers: platformAuth,
          payload: '{"name":"x\\u0000y"}',
          path: 'name',
        },
        {
          url: `${api}/connections`,
          headers: tenant.headers,
          payload: '{"name":"A","baseUrl":"http://127.0.0.1:9","headers":{"X-A\\u0000":"1"}}',
          path: 'headers.X-A\\u0000',
        },
        {
          url: `${api}/widgets`,
          headers: tenant.headers,
          payload: '{"name":"W","allowedOrigins":["https://a.example","\\u0000"]}',
          path: 'allowedOrigins.1',
        },
      ];
      for (const { url, headers, payload, path } of cases) {
        const res = await t.app.inject({ method: 'POST', url, headers: { ...headers, ...json }, payload });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error, url).toMatchObject({ code: 'VALIDATION_ERROR', message: nulMessage(path) });
      }
    });

    it('still accepts an escaped backslash followed by u0000, which is plain text', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${api}/widgets`,
        headers: { ...tenant.headers, ...json },
        payload: '{"name":"C:\\\\u0000"}',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.name).toBe('C:\\u0000');
    });

    it('answers a NUL in the URL (path or query) with 400 on both databases, before authentication', async () => {
      const expected = {
        error: { code: 'VALIDATION_ERROR', message: 'The URL may not contain the NUL character (%00).' },
      };
      for (const url of [`${api}/conversations/a%00b`, `${api}/conversations?widgetId=a%00`]) {
        const res = await t.app.inject({ url, headers: tenant.headers });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(expected);
      }
      const anonymous = await t.app.inject({ url: `${api}/conversations/a%00b` });
      expect(anonymous.statusCode).toBe(400);
    });
  });

  describe('an empty body sent as application/json is no body', () => {
    it('lets routes without a body schema work (DELETE, POST …/test)', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: `${api}/connections`,
        headers: tenant.headers,
        payload: { name: 'Shop', baseUrl: 'http://127.0.0.1:9', auth: { type: 'none' } },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().data.id;
      const tested = await t.app.inject({
        method: 'POST',
        url: `${api}/connections/${id}/test`,
        headers: { ...tenant.headers, ...json },
      });
      expect(tested.statusCode, tested.body).toBe(200);
      expect(tested.json().data).toHaveProperty('ok');
      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `${api}/connections/${id}`,
        headers: { ...tenant.headers, ...json },
      });
      expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    });

    it('makes a missing body {} where every body field is optional (POST /endpoints/{id}/test)', async () => {
      const connection = await t.app.inject({
        method: 'POST',
        url: `${api}/connections`,
        headers: tenant.headers,
        payload: { name: 'Shop', baseUrl: 'http://127.0.0.1:9', auth: { type: 'none' } },
      });
      const endpoint = await t.app.inject({
        method: 'POST',
        url: `${api}/connections/${connection.json().data.id}/endpoints`,
        headers: tenant.headers,
        payload: { name: 'Ping', method: 'GET', path: '/ping' },
      });
      expect(endpoint.statusCode, endpoint.body).toBe(201);
      const url = `${api}/endpoints/${endpoint.json().data.id}/test`;
      for (const headers of [tenant.headers, { ...tenant.headers, ...json }]) {
        const res = await t.app.inject({ method: 'POST', url, headers: { ...headers }, payload: '' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().data).toHaveProperty('ok');
      }
    });

    it('still requires the body where a field is required', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${api}/widgets`,
        headers: { ...tenant.headers, ...json },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
      expect(res.json().error.message).not.toBe('The request body is not valid JSON.');
      // It names what is required, as for {} — not "expected object, received null".
      expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'body.name' })]);
      const widget = await t.app.inject({
        method: 'POST',
        url: `${api}/widgets`,
        headers: tenant.headers,
        payload: { name: 'W' },
      });
      const patched = await t.app.inject({
        method: 'PATCH',
        url: `${api}/widgets/${widget.json().data.id}`,
        headers: { ...tenant.headers, ...json },
      });
      expect(patched.statusCode).toBe(400);
      expect(patched.json().error.message).not.toMatch(/expected object/);
    });
  });

  it('says why a body with __proto__ or constructor keys is refused', async () => {
    for (const payload of [
      '{"name":"W","__proto__":{"x":1}}',
      '{"name":"W","constructor":{"prototype":{}}}',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${api}/widgets`,
        headers: { ...tenant.headers, ...json },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: {
          code: 'VALIDATION_ERROR',
          message: 'The request body may not contain the keys __proto__ or constructor.',
        },
      });
    }
    const invalid = await t.app.inject({
      method: 'POST',
      url: `${api}/widgets`,
      headers: { ...tenant.headers, ...json },
      payload: '{"name":',
    });
    expect(invalid.json().error.message).toBe('The request body is not valid JSON.');
  });

  describe("the router's own errors", () => {
    it('answers an over-long path segment with the 404 envelope', async () => {
      const url = `${api}/conversations/${'a'.repeat(150)}`;
      for (const headers of [{}, tenant.headers]) {
        const res = await t.app.inject({ url, headers });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({
          error: { code: 'NOT_FOUND', message: `No route for GET ${url}.` },
        });
      }
    });

    it('answers a malformed percent-encoding with 400 VALIDATION_ERROR', async () => {
      const res = await t.app.inject({ url: `${api}/conversations/%ZZ`, headers: tenant.headers });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { code: 'VALIDATION_ERROR', message: 'The URL is not valid: malformed percent-encoding.' },
      });
    });

    it('answers a body shorter than its Content-Length with the envelope', async () => {
      const other = await createTestApp();
      try {
        const { apiKey } = await other.createTenant();
        await other.app.listen({ port: 0, host: '127.0.0.1' });
        const { port } = other.app.server.address() as net.AddressInfo;
        const answer = await rawExchange(
          port,
          `POST ${api}/widgets HTTP/1.1\r\nHost: x\r\nX-Api-Key: ${apiKey.key}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":"W"}`,
        );
        expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        expect(body).toEqual({
          error: {
            code: 'VALIDATION_ERROR',
            message: 'The request could not be read: malformed or incomplete HTTP.',
          },
        });
      } finally {
        await other.close();
      }
    });
  });

  describe('WebSocket routes answer a plain HTTP GET', () => {
    const message = 'This is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket).';

    it('on the tenant event stream, after authentication', async () => {
      const res = await t.app.inject({ url: `${api}/events`, headers: tenant.headers });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message } });
      const anonymous = await t.app.inject({ url: `${api}/events` });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('UNAUTHORIZED');
    });

    it("on a conversation's widget socket", async () => {
      const widget = await createWidget(t, tenant.headers);
      const visitor = await startVisitor(t.app, widget.id);
      const res = await t.app.inject({
        url: `/api/v1/widget/conversations/${visitor.conversationId}/ws?token=${visitor.visitorToken}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message } });
    });
  });
});
