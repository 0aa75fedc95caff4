import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { collectFrames, connectSocket, tenantEventsUrl } from '../conversations/conversation-test-kit.ts';
import { createOperatorAccount } from './operator-accounts.ts';

const platform = { authorization: 'Bearer test-platform-token-0123456789' };

function cookieOf(res: { headers: Record<string, unknown> }) {
  const raw = res.headers['set-cookie'];
  const header = Array.isArray(raw) ? raw[0] : String(raw);
  return { header, value: header.split(';')[0] };
}

describe('dashboard sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function signIn(email: string, password: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    return {
      res,
      cookie: res.statusCode === 200 ? cookieOf(res).value : '',
      csrf: res.json().data?.csrfToken,
    };
  }

  it('creates the first admin with the Platform API, stores only an argon2id hash, and signs in', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/tenants',
      headers: platform,
      payload: {
        name: 'Signed Shop',
        adminEmail: 'Owner@Shop.example',
        adminPassword: 'correct horse battery',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().data.admin.email).toBe('owner@shop.example');

    const raw = await sql<{ password_hash: string }>`select password_hash from operator_credentials`.execute(
      t.ctx.db,
    );
    expect(raw.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(raw.rows)).not.toContain('correct horse');

    const { res, cookie, csrf } = await signIn('owner@shop.example', 'correct horse battery');
    expect(res.statusCode).toBe(200);
    const { header } = cookieOf(res);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Strict/i);
    expect(res.json().data).toMatchObject({ operator: { role: 'admin' }, tenant: { name: 'Signed Shop' } });

    // The session works on the Tenant API routes; writes need the CSRF header.
    const list = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/api-keys',
      headers: { cookie },
      payload: { name: 'from dashboard' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/api-keys',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: 'from dashboard' },
    });
    expect(withCsrf.statusCode).toBe(201);

    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().data.operator.email).toBe('owner@shop.example');

    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses wrong passwords and unknown emails alike', async () => {
    const tenant = await t.createTenant();
    await createOperatorAccount(t.ctx.db, tenant.id, { email: 'a@x.example', password: 'a-long-password' });
    const wrong = await signIn('a@x.example', 'not-the-password');
    const unknown = await signIn('nobody@x.example', 'a-long-password');
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.json().error.message).toBe(unknown.res.json().error.message);
  });

  it('rate-limits sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await signIn('brute@x.example', `guess-${i}`)).res.statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  it('limits sign-in attempts per account across addresses, so guesses cannot be spread over many', async () => {
    const attempt = (address: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: address,
        payload: { email: 'Spread@X.example', password: 'a-guess' },
      });
    const statuses: number[] = [];
    // 4 addresses × 8 guesses stay under the per-address limit (10) but pass the account's (30).
    for (let a = 1; a <= 4; a++)
      for (let i = 0; i < 8; i++) statuses.push((await attempt(`203.0.113.${a}`)).statusCode);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual([429, 429]);
    const fresh = await attempt('203.0.113.99');
    expect(fresh.statusCode).toBe(429);
    expect(fresh.json().error.message).toMatch(/^Too many sign-in attempts; try again in \d+ s\.$/);
  });

  it('keeps operators out of settings but lets them work the inbox', async () => {
    const tenant = await t.createTenant();
    await createOperatorAccount(t.ctx.db, tenant.id, {
      email: 'agent@x.example',
      password: 'agent-password',
      role: 'operator',
    });
    const { cookie, csrf } = await signIn('agent@x.example', 'agent-password');
    const settings = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: { cookie } });
    expect(settings.statusCode).toBe(403);
    expect(settings.json().error.code).toBe('FORBIDDEN');
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/api-keys',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: 'nope' },
    });
    expect(create.statusCode).toBe(403);
    const inbox = await t.app.inject({ url: '/api/v1/tenant-api/conversations', headers: { cookie } });
    expect(inbox.statusCode).toBe(200);
  });

  it("a session only ever sees its own tenant's data", async () => {
    const a = await t.createTenant('A');
    const b = await t.createTenant('B');
    await createOperatorAccount(t.ctx.db, a.id, { email: 'admin-a@x.example', password: 'password-of-a' });
    const { cookie } = await signIn('admin-a@x.example', 'password-of-a');
    const keys = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: { cookie } });
    const ids = keys.json().data.map((k: { id: string }) => k.id);
    expect(ids).toContain(a.apiKey.id);
    expect(ids).not.toContain(b.apiKey.id);
  });
});

describe('operators added through the Tenant API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PARLEY_DASHBOARD_RATE_LIMIT_PER_MIN: '3' });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

  it('can be given a password on creation and a new one later', async () => {
    const tenant = await t.createTenant();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/operators',
      headers: tenant.headers,
      payload: { name: 'Sam', email: 'Sam@Team.example', password: 'first-password' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain('first-password');
    expect((await login('sam@team.example', 'first-password')).statusCode).toBe(200);

    const short = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenant-api/operators/${created.json().data.id}`,
      headers: tenant.headers,
      payload: { password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenant-api/operators/${created.json().data.id}`,
      headers: tenant.headers,
      payload: { password: 'second-password' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await login('sam@team.example', 'first-password')).statusCode).toBe(401);
    expect((await login('sam@team.example', 'second-password')).statusCode).toBe(200);
  });

  it('closes the event stream of an operator at once when they are removed or given a new password', async () => {
    const tenant = await t.createTenant();
    const createOperator = async (email: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenant-api/operators',
        headers: tenant.headers,
        payload: { name: email.split('@')[0], email, password: 'their-password' },
      });
      expect(res.statusCode).toBe(201);
      return res.json().data.id as string;
    };
    const streamOf = async (email: string) => {
      const cookie = String((await login(email, 'their-password')).headers['set-cookie']).split(';')[0];
      const socket = await connectSocket(await tenantEventsUrl(t.app), { cookie });
      return { socket, closed: collectFrames(socket).closed };
    };
    const removedId = await createOperator('gone@team.example');
    const resetId = await createOperator('reset@team.example');
    const keptId = await createOperator('kept@team.example');
    const [removed, reset, kept] = await Promise.all(
      ['gone@team.example', 'reset@team.example', 'kept@team.example'].map(streamOf),
    );

    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tenant-api/operators/${removedId}`,
      headers: tenant.headers,
    });
    expect(gone.statusCode).toBe(204);
    // Closed by the request itself, not by the periodic check 15 s later.
    expect(await removed.closed).toEqual({ code: 4401, reason: 'Credentials revoked or expired.' });
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenant-api/operators/${resetId}`,
      headers: tenant.headers,
      payload: { password: 'a-new-password' },
    });
    expect(changed.statusCode).toBe(200);
    expect(await reset.closed).toEqual({ code: 4401, reason: 'Credentials revoked or expired.' });
    expect(keptId).toBeTruthy();
    expect(kept.socket.readyState).toBe(kept.socket.OPEN);
    kept.socket.terminate();
  });

  it('gives dashboard sessions their own budget, apart from API keys', async () => {
    const tenant = await t.createTenant();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/operators',
      headers: tenant.headers,
      payload: { name: 'Ada', email: 'ada@team.example', role: 'admin', password: 'ada-password' },
    });
    const cookie = String((await login('ada@team.example', 'ada-password')).headers['set-cookie']).split(
      ';',
    )[0];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await t.app.inject({ url: '/api/v1/tenant-api/widgets', headers: { cookie } })).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // The tenant's API key has its own, separate budget (60 a minute by default).
    const viaKey = await t.app.inject({ url: '/api/v1/tenant-api/widgets', headers: tenant.headers });
    expect(viaKey.statusCode).toBe(200);
  });
});
