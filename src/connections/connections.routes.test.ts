import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, usingPostgres } from '../../test/helpers/test-app.ts';
import { createVault } from '../vault/vault.ts';
import { API, createConnectionVia, startUpstream, type Upstream } from './testing/upstream.ts';

describe('connections CRUD', () => {
  let t: TestApp;
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
    t = await createTestApp({
      PARLEY_RATE_LIMIT_PER_MIN: '100000',
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  it('creates a connection with defaults and shows secrets only masked', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/connections`,
      headers: tenant.headers,
      payload: {
        name: 'Order Management API',
        baseUrl: 'https://api.shop.com/v2',
        auth: { type: 'api_key', key: 'sk_live_supersecret_1234' },
        headers: { 'Accept-Language': 'en' },
      },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json().data;
    expect(created).toMatchObject({
      name: 'Order Management API',
      baseUrl: 'https://api.shop.com/v2',
      auth: {
        type: 'api_key',
        key: '****1234',
        headerName: 'X-Api-Key',
        in: 'header',
        queryParam: 'api_key',
      },
      headers: { 'Accept-Language': 'en' },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toMatch(/\+00:00$/);
    expect(res.body).not.toContain('supersecret');

    const list = await t.app.inject({ url: `${API}/connections`, headers: tenant.headers });
    expect(list.json()).toMatchObject({
      data: [{ id: created.id }],
      meta: { limit: 50, offset: 0, total: 1 },
    });
    expect(list.body).not.toContain('supersecret');
    const one = await t.app.inject({ url: `${API}/connections/${created.id}`, headers: tenant.headers });
    expect(one.json().data.auth.key).toBe('****1234');
  });

  it('lists a connection whose secret no master key opens, masked and flagged, instead of failing the list', async () => {
    const tenant = await t.createTenant();
    const lost = await createConnectionVia(t, tenant.headers, {
      name: 'Lost key',
      baseUrl: 'https://api.example.com',
      auth: { type: 'bearer', token: 'tok-lost-0001' },
    });
    await createConnectionVia(t, tenant.headers, {
      name: 'Fine',
      baseUrl: 'https://api.example.com',
      auth: { type: 'bearer', token: 'tok-fine-0002' },
    });
    // The stored token sealed under a key this server has never had (a lost or withheld key).
    const row = await t.ctx.db
      .selectFrom('connections')
      .select('config')
      .where('id', '=', lost.id)
      .executeTakeFirstOrThrow();
    const doc = JSON.parse(row.config);
    doc.auth.token = createVault(crypto.randomBytes(32)).seal('tok-lost-0001');
    await t.ctx.db
      .updateTable('connections')
      .set({ config: JSON.stringify(doc) })
      .where('id', '=', lost.id)
      .execute();

    const list = await t.app.inject({ url: `${API}/connections`, headers: tenant.headers });
    expect(list.statusCode).toBe(200);
    const shown = list.json().data.find((c: { id: string }) => c.id === lost.id);
    expect(shown.auth).toEqual({ type: 'bearer', token: '****' });
    expect(shown.needsAttention).toMatch(/re-enter the secret/);
    expect(list.json().data.find((c: { name: string }) => c.name === 'Fine')).not.toHaveProperty(
      'needsAttention',
    );
    expect(
      (await t.app.inject({ url: `${API}/connections/${lost.id}`, headers: tenant.headers })).json().data
        .needsAttention,
    ).toMatch(/re-enter/);

    // A PATCH that keeps the lost secret cannot save it again: 409 with what to do.
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `${API}/connections/${lost.id}`,
      headers: tenant.headers,
      payload: { name: 'Renamed' },
    });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.message).toMatch(/re-enter the secret/);
    // Re-entering the secret repairs it.
    const fixed = await t.app.inject({
      method: 'PATCH',
      url: `${API}/connections/${lost.id}`,
      headers: tenant.headers,
      payload: { auth: { type: 'bearer', token: 'tok-new-0003' } },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().data).not.toHaveProperty('needsAttention');
    expect(fixed.json().data.auth).toEqual({ type: 'bearer', token: '****0003' });
  });

  it('accepts every auth type and masks each secret', async () => {
    const tenant = await t.createTenant();
    const cases = [
      [{ type: 'none' }, { type: 'none' }],
      [
        { type: 'bearer', token: 'tok_abcdefgh_9876' },
        { type: 'bearer', token: '****9876' },
      ],
      [
        { type: 'basic', username: 'jörg', password: 'pässwört-0042' },
        { type: 'basic', username: 'jörg', password: '****0042' },
      ],
      [
        {
          type: 'oauth2_client_credentials',
          tokenUrl: 'https://auth.example.com/oauth/token',
          clientId: 'client-1',
          clientSecret: 'cs_0123456789_zyxw',
          scope: 'read write',
        },
        {
          type: 'oauth2_client_credentials',
          tokenUrl: 'https://auth.example.com/oauth/token',
          clientId: 'client-1',
          clientSecret: '****zyxw',
          scope: 'read write',
          clientAuth: 'basic',
          refreshOn: [401],
        },
      ],
    ] as const;
    for (const [auth, shown] of cases) {
      const created = await createConnectionVia(t, tenant.headers, {
        baseUrl: 'https://api.example.com',
        auth,
      });
      expect(created.auth).toEqual(shown);
    }
  });

  it('rejects invalid input with 400 naming the field', async () => {
    const tenant = await t.createTenant();
    const bad = [
      { name: 'x', baseUrl: 'ftp://files.example.com' },
      { name: 'x', baseUrl: 'https://user:pw@example.com' },
      { name: 'x', baseUrl: 'https://example.com', auth: { type: 'bearer' } },
      { name: 'x', baseUrl: 'https://example.com', auth: { type: 'magic' } },
      { name: '', baseUrl: 'https://example.com' },
      {
        name: 'x',
        baseUrl: 'https://example.com',
        auth: { type: 'oauth2_client_credentials', tokenUrl: 'nope', clientId: 'a', clientSecret: 'b' },
      },
    ];
    for (const payload of bad) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/connections`,
        headers: tenant.headers,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
      expect(res.json().error.details[0].path).toMatch(/^body\./);
    }
  });

  it('refuses header values with CR, LF or NUL and invalid header names, on POST and PATCH', async () => {
    const tenant = await t.createTenant();
    const bad: Array<[Record<string, string>, string, RegExp]> = [
      [{ 'X-A': 'a\r\nb' }, 'body.headers.X-A', /line breaks/],
      [{ 'X-A': 'a\nX-Injected: 1' }, 'body.headers.X-A', /line breaks/],
      [{ 'X-Nul': 'a\u0000b' }, 'body.headers.X-Nul', /NUL/],
      [{ 'Bad Name': 'v' }, 'body.headers.Bad Name', /Not a valid HTTP header name/],
      [{ 'X-A:': 'v' }, 'body.headers.X-A:', /Not a valid HTTP header name/],
    ];
    for (const [headers, path, message] of bad) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/connections`,
        headers: tenant.headers,
        payload: { name: 'x', baseUrl: 'https://example.com', headers },
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: [{ path, message: expect.stringMatching(message) }],
      });
    }
    const created = await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://example.com',
      headers: { 'X-A': 'fine' },
    });
    for (const [headers, path, message] of bad) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `${API}/connections/${created.id}`,
        headers: tenant.headers,
        payload: { headers },
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: [{ path, message: expect.stringMatching(message) }],
      });
    }
    const list = await t.app.inject({ url: `${API}/connections`, headers: tenant.headers });
    expect(list.json().data).toEqual([
      expect.objectContaining({ id: created.id, headers: { 'X-A': 'fine' } }),
    ]);
  });

  it('PATCH keeps a secret that is omitted or sent back masked, and replaces it when given', async () => {
    const tenant = await t.createTenant();
    const created = await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://api.example.com',
      auth: { type: 'bearer', token: 'first-token-aaaa' },
      headers: { Authorization: 'Bearer static-secret-zz99', 'X-Plain': 'visible' },
    });
    expect(created.headers).toEqual({ Authorization: '****zz99', 'X-Plain': 'visible' });
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PATCH',
        url: `${API}/connections/${created.id}`,
        headers: tenant.headers,
        payload,
      });

    let res = await patch({ name: 'Renamed', auth: { type: 'bearer' }, headers: created.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      name: 'Renamed',
      auth: { token: '****aaaa' },
      headers: { Authorization: '****zz99' },
    });
    res = await patch({ auth: { type: 'bearer', token: '****aaaa' } });
    expect(res.json().data.auth.token).toBe('****aaaa');
    res = await patch({ auth: { type: 'bearer', token: 'second-token-bbbb' } });
    expect(res.json().data.auth.token).toBe('****bbbb');
    const { loadConnection } = await import('./connections.repository.ts');
    const loaded = await loadConnection(t.ctx, tenant.id, created.id);
    expect(loaded?.auth).toEqual({ type: 'bearer', token: 'second-token-bbbb' });
    expect(loaded?.headers.Authorization).toBe('Bearer static-secret-zz99');

    res = await patch({ auth: { type: 'api_key' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.auth.key');
  });

  it('PATCH of auth with the same type keeps the settings it omits (a key rotation keeps in: "query")', async () => {
    const tenant = await t.createTenant();
    const patch = (id: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `${API}/connections/${id}`, headers: tenant.headers, payload });
    const keyed = await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://api.example.com',
      auth: { type: 'api_key', key: 'first-key-1111', in: 'query', queryParam: 'token' },
    });
    let res = await patch(keyed.id, { auth: { type: 'api_key', key: 'second-key-2222' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.auth).toEqual({
      type: 'api_key',
      key: '****2222',
      headerName: 'X-Api-Key',
      in: 'query',
      queryParam: 'token',
    });

    const oauth = await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://api.example.com',
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: 'https://auth.example.com/token',
        clientId: 'cid',
        clientSecret: 'client-secret-3333',
        scope: 'read write',
        audience: 'https://aud.example.com',
        clientAuth: 'body',
      },
    });
    res = await patch(oauth.id, { auth: { type: 'oauth2_client_credentials', clientId: 'cid-2' } });
    expect(res.json().data.auth).toMatchObject({
      clientId: 'cid-2',
      clientSecret: '****3333',
      scope: 'read write',
      audience: 'https://aud.example.com',
      clientAuth: 'body',
      refreshOn: [401],
    });
    // null clears an optional setting.
    res = await patch(oauth.id, { auth: { type: 'oauth2_client_credentials', audience: null } });
    expect(res.json().data.auth.audience).toBeUndefined();
    expect(res.json().data.auth.scope).toBe('read write');

    // Switching type takes that type's defaults, and needs what it requires.
    res = await patch(keyed.id, { auth: { type: 'basic', password: 'pw-4444' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/auth\.username/);
    res = await patch(oauth.id, { auth: { type: 'api_key', key: 'third-key-5555' } });
    expect(res.json().data.auth).toEqual({
      type: 'api_key',
      key: '****5555',
      headerName: 'X-Api-Key',
      in: 'header',
      queryParam: 'api_key',
    });
  });

  it('refuses a credential in the base URL query (it would be stored in clear) and says where it goes', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/connections`,
      headers: tenant.headers,
      payload: { name: 'Q', baseUrl: 'https://api.example.com/v1?api_key=plain-secret-7777&x=1' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({
      path: 'body.baseUrl',
      message: expect.stringContaining('"in": "query", "queryParam": "api_key"'),
    });
    expect(res.body).not.toContain('plain-secret-7777');
    const plain = await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://api.example.com/v1?region=eu',
    });
    expect(plain.baseUrl).toBe('https://api.example.com/v1?region=eu');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `${API}/connections/${plain.id}`,
      headers: tenant.headers,
      payload: { baseUrl: 'https://api.example.com/v1?token=abc' },
    });
    expect(patched.statusCode).toBe(400);
  });

  it('seals and masks every credential-looking header (X-Shop-Key, Ocp-Apim-Subscription-Key, X-Auth)', async () => {
    const tenant = await t.createTenant();
    const created = await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://api.example.com',
      headers: {
        'X-Shop-Key': 'shop-secret-1111',
        'Ocp-Apim-Subscription-Key': 'azure-secret-2222',
        'X-Auth': 'auth-secret-3333',
        'Accept-Language': 'en',
      },
    });
    expect(created.headers).toEqual({
      'X-Shop-Key': '****1111',
      'Ocp-Apim-Subscription-Key': '****2222',
      'X-Auth': '****3333',
      'Accept-Language': 'en',
    });
    const stored = await t.ctx.db
      .selectFrom('connections')
      .select('config')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    for (const secret of ['shop-secret-1111', 'azure-secret-2222', 'auth-secret-3333']) {
      expect(stored.config).not.toContain(secret);
    }

    // One stored in clear before its name counted as a credential still works, and shows masked.
    const legacy = JSON.parse(stored.config);
    legacy.headers['X-Shop-Key'] = 'legacy-plain-4444';
    await t.ctx.db
      .updateTable('connections')
      .set({ config: JSON.stringify(legacy) })
      .where('id', '=', created.id)
      .execute();
    const shown = await t.app.inject({ url: `${API}/connections/${created.id}`, headers: tenant.headers });
    expect(shown.json().data.headers['X-Shop-Key']).toBe('****4444');
    const { loadConnection } = await import('./connections.repository.ts');
    expect((await loadConnection(t.ctx, tenant.id, created.id))?.headers['X-Shop-Key']).toBe(
      'legacy-plain-4444',
    );
  });

  it('stores no plaintext secret in the database and logs none', async () => {
    const tenant = await t.createTenant();
    const secrets = [
      'apikey-plain-111111',
      'bearer-plain-222222',
      'basic-plain-333333',
      'oauth-plain-444444',
      'hdr-plain-555555',
    ];
    await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://a.example.com',
      auth: { type: 'api_key', key: secrets[0] },
    });
    await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://a.example.com',
      auth: { type: 'bearer', token: secrets[1] },
      headers: { 'X-Api-Key': secrets[4] },
    });
    await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://a.example.com',
      auth: { type: 'basic', username: 'u', password: secrets[2] },
    });
    await createConnectionVia(t, tenant.headers, {
      baseUrl: 'https://a.example.com',
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: 'https://a.example.com/t',
        clientId: 'c',
        clientSecret: secrets[3],
      },
    });
    const raw = await sql<Record<string, unknown>>`select * from connections`.execute(t.ctx.db);
    const dump = JSON.stringify(raw.rows);
    expect(dump).toContain('pv1:');
    for (const secret of secrets) {
      expect(dump).not.toContain(secret);
      expect(t.logs()).not.toContain(secret);
    }
    if (!usingPostgres) {
      // The embedded database's files themselves (main file and write-ahead log).
      const dir = t.environment.config.dataDir;
      const bytes = Buffer.concat(fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name))));
      expect(bytes.includes('pv1:')).toBe(true);
      for (const secret of secrets) expect(bytes.includes(secret)).toBe(false);
    }
  });

  it("answers 404 for another tenant's connection on every route", async () => {
    const a = await t.createTenant('A');
    const b = await t.createTenant('B');
    const created = await createConnectionVia(t, b.headers, { baseUrl: 'https://b.example.com' });
    for (const [method, suffix] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/test'],
      ['GET', '/endpoints'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url: `${API}/connections/${created.id}${suffix}`,
        headers: a.headers,
        ...(method === 'PATCH' ? { payload: { name: 'stolen' } } : {}),
      });
      expect(res.statusCode, `${method} ${suffix}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const listA = await t.app.inject({ url: `${API}/connections`, headers: a.headers });
    expect(listA.json().data).toEqual([]);
    const still = await t.app.inject({ url: `${API}/connections/${created.id}`, headers: b.headers });
    expect(still.json().data.name).toBe('Test API');
  });

  it('deletes a connection with its endpoints', async () => {
    const tenant = await t.createTenant();
    const created = await createConnectionVia(t, tenant.headers, { baseUrl: upstream.origin });
    const ep = await t.app.inject({
      method: 'POST',
      url: `${API}/connections/${created.id}/endpoints`,
      headers: tenant.headers,
      payload: { name: 'x', path: '/x' },
    });
    expect(ep.statusCode).toBe(201);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `${API}/connections/${created.id}`,
      headers: tenant.headers,
    });
    expect(del.statusCode).toBe(204);
    const gone = await t.app.inject({
      url: `${API}/endpoints/${ep.json().data.id}`,
      headers: tenant.headers,
    });
    expect(gone.statusCode).toBe(404);
  });
});
