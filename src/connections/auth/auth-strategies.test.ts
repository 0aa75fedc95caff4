import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { executeEndpoint } from '../execute-endpoint.ts';
import {
  API,
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../testing/upstream.ts';

/** The exact bytes each auth strategy puts on the wire, seen by a real loopback server. */
describe('auth strategies on the wire', () => {
  let t: TestApp;
  let upstream: Upstream;
  let tenant: Awaited<ReturnType<TestApp['createTenant']>>;
  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.handle = (req, res) => {
      if (req.url?.startsWith('/oauth/token'))
        return json(res, 200, { access_token: 'at-123', token_type: 'bearer', expires_in: 3600 });
      json(res, 200, { ok: true });
    };
    t = await createTestApp({
      PARLEY_RATE_LIMIT_PER_MIN: '100000',
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
    tenant = await t.createTenant();
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  async function call(auth: Record<string, unknown>) {
    const connection = await createConnectionVia(t, tenant.headers, {
      baseUrl: `${upstream.origin}/api`,
      auth,
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/whoami',
      queryParams: { lang: 'en' },
    });
    const before = upstream.requests.length;
    const result = await executeEndpoint(t.ctx, {
      tenantId: tenant.id,
      endpointId: endpoint.id,
      variables: {},
      source: 'test',
    });
    expect(result.error, JSON.stringify(result.error)).toBeUndefined();
    expect(result.ok).toBe(true);
    const sent = upstream.requests.slice(before);
    return { sent, api: sent.filter((r) => r.url.startsWith('/api/whoami')), endpoint, result };
  }

  it('none: no credential of any kind', async () => {
    const { api } = await call({ type: 'none' });
    expect(api).toHaveLength(1);
    expect(api[0].url).toBe('/api/whoami?lang=en');
    expect(api[0].headers.authorization).toBeUndefined();
    expect(api[0].headers['x-api-key']).toBeUndefined();
  });

  it('api_key: X-Api-Key header by default', async () => {
    const { api } = await call({ type: 'api_key', key: 'k-123456' });
    expect(api[0].headers['x-api-key']).toBe('k-123456');
    expect(api[0].url).toBe('/api/whoami?lang=en');
  });

  it('api_key: a custom header name', async () => {
    const { api } = await call({ type: 'api_key', key: 'k-abcdef', headerName: 'X-Shop-Key' });
    expect(api[0].headers['x-shop-key']).toBe('k-abcdef');
    expect(api[0].headers['x-api-key']).toBeUndefined();
  });

  it('api_key: a query parameter (default api_key, or a custom name), never a header', async () => {
    let { api } = await call({ type: 'api_key', key: 'q-key/+=', in: 'query' });
    expect(api[0].url).toBe('/api/whoami?lang=en&api_key=q-key%2F%2B%3D');
    expect(api[0].headers['x-api-key']).toBeUndefined();
    ({ api } = await call({ type: 'api_key', key: 'q2', in: 'query', queryParam: 'token' }));
    expect(new URL(api[0].url, 'http://x').searchParams.get('token')).toBe('q2');
  });

  it('bearer: Authorization: Bearer <token>', async () => {
    const { api } = await call({ type: 'bearer', token: 'tok.en-123' });
    expect(api[0].headers.authorization).toBe('Bearer tok.en-123');
  });

  it('basic: RFC 7617 with UTF-8 user and password', async () => {
    const { api } = await call({ type: 'basic', username: 'jörg', password: 'pä:ss wört€' });
    const expected = Buffer.from('jörg:pä:ss wört€', 'utf8').toString('base64');
    expect(api[0].headers.authorization).toBe(`Basic ${expected}`);
    expect(Buffer.from(expected, 'base64').toString('utf8')).toBe('jörg:pä:ss wört€');
  });

  it('basic: the classic user:pass example', async () => {
    const { api } = await call({ type: 'basic', username: 'user', password: 'pass' });
    expect(api[0].headers.authorization).toBe('Basic dXNlcjpwYXNz');
  });

  it('oauth2 client credentials, HTTP Basic client auth (RFC 6749 §2.3.1 form-encoding first)', async () => {
    const { sent, api } = await call({
      type: 'oauth2_client_credentials',
      tokenUrl: `${upstream.origin}/oauth/token`,
      clientId: 'my client+1',
      clientSecret: 'sé:cret/&=',
      scope: 'read write',
      audience: 'https://api.example.com',
    });
    const token = sent.filter((r) => r.url === '/oauth/token');
    expect(token).toHaveLength(1);
    expect(token[0].method).toBe('POST');
    expect(token[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    const basic = Buffer.from('my+client%2B1:s%C3%A9%3Acret%2F%26%3D', 'utf8').toString('base64');
    expect(token[0].headers.authorization).toBe(`Basic ${basic}`);
    const form = new URLSearchParams(token[0].body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      scope: 'read write',
      audience: 'https://api.example.com',
    });
    expect(api[0].headers.authorization).toBe('Bearer at-123');
  });

  it('oauth2 client credentials, client id and secret in the body', async () => {
    const { sent, api } = await call({
      type: 'oauth2_client_credentials',
      tokenUrl: `${upstream.origin}/oauth/token`,
      clientId: 'cid',
      clientSecret: 'csecret-body',
      clientAuth: 'body',
    });
    const token = sent.filter((r) => r.url === '/oauth/token');
    expect(token[0].headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(token[0].body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'cid',
      client_secret: 'csecret-body',
    });
    expect(api[0].headers.authorization).toBe('Bearer at-123');
  });

  it('connection headers are sent, endpoint headers override them', async () => {
    const connection = await createConnectionVia(t, tenant.headers, {
      baseUrl: upstream.origin,
      headers: { 'Accept-Language': 'en', 'X-Both': 'connection' },
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/h',
      headers: { 'X-Both': 'endpoint' },
    });
    await executeEndpoint(t.ctx, {
      tenantId: tenant.id,
      endpointId: endpoint.id,
      variables: {},
      source: 'rule',
    });
    const [sent] = upstream.requestsTo('/h');
    expect(sent.headers['accept-language']).toBe('en');
    expect(sent.headers['x-both']).toBe('endpoint');
  });

  it('echoes every auth type redacted in the endpoint test, and never the secret', async () => {
    const cases = [
      [{ type: 'api_key', key: 'echo-key-0001' }, 'x-api-key'],
      [{ type: 'bearer', token: 'echo-token-0002' }, 'authorization'],
      [{ type: 'basic', username: 'u', password: 'echo-pass-0003' }, 'authorization'],
      [
        {
          type: 'oauth2_client_credentials',
          tokenUrl: `${upstream.origin}/oauth/token`,
          clientId: 'c',
          clientSecret: 'echo-secret-0004',
        },
        'authorization',
      ],
    ] as const;
    for (const [auth, header] of cases) {
      const connection = await createConnectionVia(t, tenant.headers, { baseUrl: upstream.origin, auth });
      const endpoint = await createEndpointVia(t, tenant.headers, connection.id, { path: '/echo' });
      for (const send of [true, false]) {
        const res = await t.app.inject({
          method: 'POST',
          url: `${API}/endpoints/${endpoint.id}/test`,
          headers: tenant.headers,
          payload: { variables: {}, send },
        });
        expect(res.statusCode).toBe(200);
        const data = res.json().data;
        expect(data.request.headers[header]).toBe('[REDACTED]');
        expect(res.body).not.toMatch(/echo-(key|token|pass|secret)-000\d|at-123|ZWNobz/);
      }
    }
    const query = await createConnectionVia(t, tenant.headers, {
      baseUrl: upstream.origin,
      auth: { type: 'api_key', key: 'echo-query-0005', in: 'query' },
    });
    const endpoint = await createEndpointVia(t, tenant.headers, query.id, { path: '/echo' });
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/endpoints/${endpoint.id}/test`,
      headers: tenant.headers,
      payload: {},
    });
    expect(res.json().data.request.url).toBe(`${upstream.origin}/echo?api_key=%5BREDACTED%5D`);
    expect(res.body).not.toContain('echo-query-0005');
    const logs = await t.app.inject({
      url: `${API}/call-logs?endpointId=${endpoint.id}`,
      headers: tenant.headers,
    });
    expect(logs.json().data[0].url).toBe(`${upstream.origin}/echo`);
    expect(t.logs()).not.toMatch(/echo-(key|token|pass|secret|query)-000\d/);
  });
});
