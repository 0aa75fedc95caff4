import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { API, createConnectionVia, createEndpointVia } from './testing/upstream.ts';

const CONTROL = 'must not contain line breaks or control characters';
const baseUrl = 'https://api.shop.example';
type Tenant = Awaited<ReturnType<TestApp['createTenant']>>;

/** Credentials and static headers go into every call's request: what could never be sent is refused on save. */
describe('values that cannot be sent in an HTTP request are refused when saved', () => {
  let t: TestApp;
  let tenant: Tenant;
  beforeAll(async () => {
    t = await createTestApp({ PARLEY_RATE_LIMIT_PER_MIN: '100000' });
    tenant = await t.createTenant();
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: tenant.headers, payload });

  function expectRefused(res: Awaited<ReturnType<typeof send>>, path: string, message: string | RegExp) {
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toContain(path);
    expect(error.details[0].path).toBe(`body.${path}`);
    expect(error.details[0].message).toMatch(message);
  }

  const badCredentials: Array<[auth: Record<string, unknown>, path: string]> = [
    [{ type: 'bearer', token: 'abc\r\nX-Injected: 1' }, 'auth.token'],
    [{ type: 'api_key', key: 'sk_live\n1234' }, 'auth.key'],
    [{ type: 'basic', username: 'ann\n', password: 'pw' }, 'auth.username'],
    [{ type: 'basic', username: 'ann', password: 'p\rw' }, 'auth.password'],
    [{ type: 'basic', username: 'ann', password: 'p\u007fw' }, 'auth.password'],
    ...(['clientId', 'clientSecret', 'scope', 'audience'] as const).map(
      (field): [Record<string, unknown>, string] => [
        {
          type: 'oauth2_client_credentials',
          tokenUrl: `${baseUrl}/token`,
          clientId: 'client',
          clientSecret: 'secret',
          [field]: 'a\u0001b',
        },
        `auth.${field}`,
      ],
    ),
  ];

  it('refuses line breaks and control characters in every credential, on POST and PATCH, naming the field', async () => {
    const existing = await createConnectionVia(t, tenant.headers, { baseUrl });
    for (const [auth, path] of badCredentials) {
      expectRefused(await send('POST', `${API}/connections`, { name: 'A', baseUrl, auth }), path, CONTROL);
      expectRefused(await send('PATCH', `${API}/connections/${existing.id}`, { auth }), path, CONTROL);
    }
  });

  it('refuses them in a same-type PATCH that changes only one field', async () => {
    const connection = await createConnectionVia(t, tenant.headers, {
      baseUrl,
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: `${baseUrl}/token`,
        clientId: 'c',
        clientSecret: 's',
      },
    });
    const res = await send('PATCH', `${API}/connections/${connection.id}`, {
      auth: { type: 'oauth2_client_credentials', scope: 'read\nwrite' },
    });
    expectRefused(res, 'auth.scope', CONTROL);
  });

  it('refuses non-Latin-1 text in a credential sent as it is in a header, not where it is encoded', async () => {
    const LATIN1 = /only Latin-1 characters: "…"/;
    const existing = await createConnectionVia(t, tenant.headers, { baseUrl });
    // "…" is what a pasted placeholder (the README's "token": "…") or a word processor leaves.
    for (const [auth, path] of [
      [{ type: 'bearer', token: 'sk-…' }, 'auth.token'],
      [{ type: 'api_key', key: 'sk-…' }, 'auth.key'],
      [{ type: 'api_key', key: 'sk-…', in: 'header', headerName: 'X-Key' }, 'auth.key'],
    ] as const) {
      expectRefused(await send('POST', `${API}/connections`, { name: 'A', baseUrl, auth }), path, LATIN1);
      expectRefused(await send('PATCH', `${API}/connections/${existing.id}`, { auth }), path, LATIN1);
    }
    // Percent-encoded in the query, base64 in Basic: any text can be sent.
    const inQuery = await send('POST', `${API}/connections`, {
      name: 'Query key',
      baseUrl,
      auth: { type: 'api_key', key: 'clé-…', in: 'query' },
    });
    expect(inQuery.statusCode, inQuery.body).toBe(201);
    const basic = await send('POST', `${API}/connections`, {
      name: 'Basic',
      baseUrl,
      auth: { type: 'basic', username: 'zoë', password: 'пароль…' },
    });
    expect(basic.statusCode, basic.body).toBe(201);
    // Moving that query key into a header is refused, naming the key.
    const moved = await send('PATCH', `${API}/connections/${inQuery.json().data.id}`, {
      auth: { type: 'api_key', in: 'header' },
    });
    expect(moved.statusCode, moved.body).toBe(400);
    expect(moved.json().error.message).toMatch(/auth\.key must contain only Latin-1 characters/);
  });

  const badHeaders: Array<[headers: Record<string, string>, path: string, message: string | RegExp]> = [
    [{ 'X-A': 'a\u0001b' }, 'headers.X-A', CONTROL],
    [{ 'X-A': 'a\u007f' }, 'headers.X-A', CONTROL],
    [{ 'X-A': 'a\r\nX-Injected: 1' }, 'headers.X-A', CONTROL],
    [{ 'X-Shop': '日本' }, 'headers.X-Shop', /only Latin-1 characters: "日"/],
    [{ Host: 'internal.example' }, 'headers.Host', /Host is set by the HTTP client .* remove it/],
    [{ 'content-length': '5' }, 'headers.content-length', /set by the HTTP client/],
    [{ 'Transfer-Encoding': 'chunked' }, 'headers.Transfer-Encoding', /set by the HTTP client/],
    [{ CONNECTION: 'close' }, 'headers.CONNECTION', /set by the HTTP client/],
  ];

  it('refuses control characters, non-Latin-1 text and client-controlled names in connection headers', async () => {
    const existing = await createConnectionVia(t, tenant.headers, { baseUrl });
    for (const [headers, path, message] of badHeaders) {
      expectRefused(await send('POST', `${API}/connections`, { name: 'A', baseUrl, headers }), path, message);
      expectRefused(await send('PATCH', `${API}/connections/${existing.id}`, { headers }), path, message);
    }
    const apiKeyInHost = await send('POST', `${API}/connections`, {
      name: 'A',
      baseUrl,
      auth: { type: 'api_key', key: 'k', headerName: 'Host' },
    });
    expectRefused(apiKeyInHost, 'auth.headerName', /set by the HTTP client/);

    const fine = await send('POST', `${API}/connections`, {
      name: 'Fine',
      baseUrl,
      headers: { 'Accept-Language': 'de-CH,\tfr;q=0.8', 'X-Shop': 'Café Zürich' },
    });
    expect(fine.statusCode, fine.body).toBe(201);
  });

  it('refuses them in endpoint headers too, while {var} templates stay allowed', async () => {
    const connection = await createConnectionVia(t, tenant.headers, { baseUrl });
    const endpoints = `${API}/connections/${connection.id}/endpoints`;
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/orders/{orderId}',
      headers: { 'X-Order': '{orderId}', Authorization: 'Bearer {auth_token}' },
    });
    for (const [headers, path, message] of badHeaders) {
      expectRefused(await send('POST', endpoints, { name: 'E', headers }), path, message);
      expectRefused(await send('PATCH', `${API}/endpoints/${endpoint.id}`, { headers }), path, message);
    }
  });

  it('refuses them in a template value and an OpenAPI import auth', async () => {
    const fromTemplate = await send('POST', `${API}/connections/from-template`, {
      templateId: 'hubspot-contact-lookup',
      accessToken: 'pat-na1\nX-Injected: 1',
    });
    expectRefused(fromTemplate, 'auth.token', CONTROL);

    const imported = await send('POST', `${API}/connections/import/openapi`, {
      spec: {
        openapi: '3.0.0',
        info: { title: 'Shop', version: '1' },
        servers: [{ url: baseUrl }],
        paths: {},
      },
      auth: { type: 'bearer', token: 'abc\r\n' },
    });
    expectRefused(imported, 'auth.token', CONTROL);
    const list = await t.app.inject({ url: `${API}/connections`, headers: tenant.headers });
    expect(list.json().data.map((c: { name: string }) => c.name)).not.toContain('Shop');
  });
});
