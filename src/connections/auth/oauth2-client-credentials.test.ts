import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestEnvironment,
  TEST_REDIS_URL,
  type TestApp,
} from '../../../test/helpers/test-app.ts';
import { executeEndpoint } from '../execute-endpoint.ts';
import {
  API,
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../testing/upstream.ts';

/**
 * OAuth2 client credentials end to end: a loopback authorization server issues
 * numbered tokens; the API accepts only the tokens listed in `valid`.
 */
describe('OAuth2 client credentials', () => {
  let t: TestApp;
  let upstream: Upstream;
  let tenant: Awaited<ReturnType<TestApp['createTenant']>>;
  let issued = 0;
  let valid = new Set<string>();
  let tokenAnswer: () => [number, unknown] = () => [
    200,
    { access_token: `tok-${++issued}`, expires_in: 3600 },
  ];
  let apiStatus: (token: string) => number = (token) => (valid.size === 0 || valid.has(token) ? 200 : 401);

  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.handle = (req, res) => {
      if (req.url === '/oauth/token') {
        const [status, body] = tokenAnswer();
        return json(res, status, body);
      }
      if (req.url === '/redirected-token') return json(res, 200, { access_token: 'stolen', expires_in: 60 });
      const token = String(req.headers.authorization ?? '').replace('Bearer ', '');
      json(res, apiStatus(token), { data: { status: 'shipped', token } });
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
  beforeEach(() => {
    issued = 0;
    valid = new Set();
    tokenAnswer = () => [200, { access_token: `tok-${++issued}`, expires_in: 3600 }];
    apiStatus = (token) => (valid.size === 0 || valid.has(token) ? 200 : 401);
  });

  async function setup(auth: Record<string, unknown> = {}) {
    const connection = await createConnectionVia(t, tenant.headers, {
      baseUrl: upstream.origin,
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: `${upstream.origin}/oauth/token`,
        clientId: 'client',
        clientSecret: 'oauth-client-secret-xyz',
        ...auth,
      },
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/orders/1',
      responseMapping: [{ from: 'data.status', to: 'order_status' }],
    });
    const run = () =>
      executeEndpoint(t.ctx, { tenantId: tenant.id, endpointId: endpoint.id, variables: {}, source: 'rule' });
    const tokenRequests = () => upstream.requestsTo('/oauth/token').length;
    const apiCalls = () => upstream.requestsTo('/orders/1').length;
    const before = { tokens: tokenRequests(), api: apiCalls() };
    return {
      connection,
      endpoint,
      run,
      tokens: () => tokenRequests() - before.tokens,
      api: () => apiCalls() - before.api,
    };
  }

  it('fetches a token on first use and caches it: 20 concurrent calls, one token request', async () => {
    const s = await setup();
    const results = await Promise.all(Array.from({ length: 20 }, () => s.run()));
    expect(results.every((r) => r.ok && r.mapped.order_status === 'shipped')).toBe(true);
    expect(s.tokens()).toBe(1);
    expect(s.api()).toBe(20);
    await s.run();
    expect(s.tokens()).toBe(1);
  });

  it('fetches a new token when the old one has expired (expires_in 0: never kept)', async () => {
    tokenAnswer = () => [200, { access_token: `tok-${++issued}`, expires_in: 0 }];
    const s = await setup();
    expect((await s.run()).ok).toBe(true);
    expect((await s.run()).ok).toBe(true);
    expect(s.tokens()).toBe(2);
  });

  it('on 401 discards the token, fetches a new one once and retries once', async () => {
    const s = await setup();
    valid.add('tok-2');
    const result = await s.run();
    expect(result.ok).toBe(true);
    expect(result.mapped).toEqual({ order_status: 'shipped' });
    expect(s.tokens()).toBe(2);
    expect(s.api()).toBe(2);
    // The new token is cached.
    await s.run();
    expect(s.tokens()).toBe(2);
  });

  it('retries only once when the API keeps answering 401', async () => {
    const s = await setup();
    valid.add('never-issued');
    const result = await s.run();
    expect(result).toMatchObject({ ok: false, status: 401, mapped: {}, error: { code: 'HTTP_ERROR' } });
    expect(s.tokens()).toBe(2);
    expect(s.api()).toBe(2);
  });

  it('refreshes on 403 only when refreshOn includes it', async () => {
    apiStatus = (token) => (token === 'tok-1' ? 403 : 200);
    const without = await setup();
    expect(await without.run()).toMatchObject({ ok: false, status: 403 });
    expect(without.tokens()).toBe(1);
    expect(without.api()).toBe(1);

    issued = 0;
    const withRefresh = await setup({ refreshOn: [401, 403] });
    expect(await withRefresh.run()).toMatchObject({ ok: true, status: 200 });
    expect(withRefresh.tokens()).toBe(2);
    expect(withRefresh.api()).toBe(2);
  });

  it('reports a token endpoint failure as UPSTREAM_ERROR with the provider error text, and does not cache it', async () => {
    tokenAnswer = () => [401, { error: 'invalid_client', error_description: 'Client authentication failed' }];
    const s = await setup();
    const result = await s.run();
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('UPSTREAM_ERROR');
    expect(result.error?.message).toContain('invalid_client');
    expect(result.error?.message).toContain('Client authentication failed');
    expect(result.error?.publicMessage).not.toContain('invalid_client');
    expect(s.api()).toBe(0);
    await s.run();
    expect(s.tokens()).toBe(2);

    const test = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/${s.connection.id}/test`,
      headers: tenant.headers,
    });
    expect(test.statusCode).toBe(200);
    expect(test.json().data).toMatchObject({
      ok: false,
      message: expect.stringContaining('Client authentication failed'),
    });
    const logs = await t.app.inject({
      url: `${API}/call-logs?connectionId=${s.connection.id}`,
      headers: tenant.headers,
    });
    expect(logs.json().data.length).toBeGreaterThanOrEqual(3);
    expect(logs.json().data[0]).toMatchObject({
      method: 'POST',
      url: `${upstream.origin}/oauth/token`,
      status: 401,
      ok: false,
      error: expect.stringContaining('invalid_client: Client authentication failed'),
    });
    // The endpoint's own log shows why its call never went out.
    const endpointLogs = await t.app.inject({
      url: `${API}/call-logs?endpointId=${s.endpoint.id}`,
      headers: tenant.headers,
    });
    expect(endpointLogs.json().data).toEqual([
      expect.objectContaining({ url: `${upstream.origin}/oauth/token`, status: 401, ok: false }),
      expect.objectContaining({ url: `${upstream.origin}/oauth/token`, status: 401, ok: false }),
    ]);
  });

  it('logs a 200 from the token endpoint that carries no usable token as a failed call', async () => {
    for (const body of [{ token_type: 'bearer' }, 'not json']) {
      tokenAnswer = () => [200, body];
      const s = await setup();
      expect(await s.run()).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR' } });
      const logs = await t.app.inject({
        url: `${API}/call-logs?endpointId=${s.endpoint.id}`,
        headers: tenant.headers,
      });
      expect(logs.json().data).toEqual([
        expect.objectContaining({
          url: `${upstream.origin}/oauth/token`,
          status: 200,
          ok: false,
          error: 'OAuth2 token request failed: the token endpoint answered HTTP 200 without an access_token',
        }),
      ]);
    }
  });

  it('does not follow a redirect from the token endpoint', async () => {
    tokenAnswer = () => [200, {}];
    const s = await setup({ tokenUrl: `${upstream.origin}/oauth/redirect` });
    upstream.handle = ((original) => (req, res, rec) => {
      if (req.url === '/oauth/redirect') {
        res.writeHead(307, { location: '/redirected-token' });
        return res.end();
      }
      original(req, res, rec);
    })(upstream.handle);
    const result = await s.run();
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(upstream.requestsTo('/redirected-token')).toHaveLength(0);
  });

  it('the connection test fetches a fresh token and says so', async () => {
    const s = await setup();
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/${s.connection.id}/test`,
      headers: tenant.headers,
    });
    expect(res.json().data).toMatchObject({ ok: true, message: expect.stringContaining('access token') });
    expect(res.json().data.durationMs).toEqual(expect.any(Number));
    expect(res.body).not.toContain('tok-');
    expect(s.tokens()).toBe(1);
  });

  it('a PATCH of the connection invalidates its cached token', async () => {
    const s = await setup();
    await s.run();
    await s.run();
    expect(s.tokens()).toBe(1);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `${API}/connections/${s.connection.id}`,
      headers: tenant.headers,
      payload: { name: 'Renamed' },
    });
    expect(patched.statusCode).toBe(200);
    await s.run();
    expect(s.tokens()).toBe(2);
  });

  it('never shows the client secret or a token in responses or logs', async () => {
    const s = await setup();
    await s.run();
    const res = await t.app.inject({ url: `${API}/connections/${s.connection.id}`, headers: tenant.headers });
    expect(res.json().data.auth.clientSecret).toBe('****-xyz');
    expect(t.logs()).not.toContain('oauth-client-secret-xyz');
    expect(t.logs()).not.toMatch(/tok-\d/);
  });
});

describe('OAuth2 token cache shared between processes through Redis', () => {
  it('two app processes on one database and Redis fetch one token between them', async () => {
    const upstream = await startUpstream();
    let issued = 0;
    upstream.handle = (req, res) => {
      if (req.url === '/oauth/token') {
        setTimeout(() => json(res, 200, { access_token: `shared-${++issued}`, expires_in: 600 }), 30);
        return;
      }
      json(res, 200, { ok: true });
    };
    const environment = await createTestEnvironment({
      REDIS_URL: TEST_REDIS_URL,
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
    const a = await createTestApp({}, { environment });
    const b = await createTestApp({}, { environment });
    try {
      const tenant = await a.createTenant();
      const connection = await createConnectionVia(a, tenant.headers, {
        baseUrl: upstream.origin,
        auth: {
          type: 'oauth2_client_credentials',
          tokenUrl: `${upstream.origin}/oauth/token`,
          clientId: 'c',
          clientSecret: 's-redis',
        },
      });
      const endpoint = await createEndpointVia(a, tenant.headers, connection.id, { path: '/r' });
      const input = { tenantId: tenant.id, endpointId: endpoint.id, variables: {}, source: 'rule' as const };
      const results = await Promise.all([
        ...Array.from({ length: 5 }, () => executeEndpoint(a.ctx, input)),
        ...Array.from({ length: 5 }, () => executeEndpoint(b.ctx, input)),
      ]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(upstream.requestsTo('/oauth/token')).toHaveLength(1);
      expect(upstream.requestsTo('/r').every((r) => r.headers.authorization === 'Bearer shared-1')).toBe(
        true,
      );
    } finally {
      await a.close();
      await b.close();
      await environment.dispose();
      await upstream.close();
    }
  });
});
