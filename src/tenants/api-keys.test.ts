import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';

describe('tenant API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('issues tak_ keys with at least 32 random bytes and stores only their SHA-256', async () => {
    const tenant = await t.createTenant();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/api-keys',
      headers: tenant.headers,
      payload: { name: 'CRM sync' },
    });
    expect(created.statusCode).toBe(201);
    const key: string = created.json().data.key;
    expect(key).toMatch(/^tak_[A-Za-z0-9_-]{43,}$/);
    expect(Buffer.from(key.slice(4), 'base64url').length).toBeGreaterThanOrEqual(32);

    const raw = await sql<Record<string, unknown>>`select * from api_keys`.execute(t.ctx.db);
    const dump = JSON.stringify(raw.rows);
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(tenant.apiKey.key);
    expect(dump).toContain(await sha256(key));
  });

  it('lists keys with name, prefix and times but never the key itself', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: tenant.headers });
    expect(res.statusCode).toBe(200);
    const [key] = res.json().data;
    expect(key).toMatchObject({ name: 'Default key', prefix: tenant.apiKey.key.slice(0, 10) });
    expect(key.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*[+-]\d\d:\d\d$/);
    expect(key.lastUsedAt).not.toBeNull();
    expect(res.body).not.toContain(tenant.apiKey.key);
  });

  it('rejects a revoked key at once with 401', async () => {
    const tenant = await t.createTenant();
    const second = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenant-api/api-keys',
        headers: tenant.headers,
        payload: { name: 'to revoke' },
      })
    ).json().data;
    const ok = await t.app.inject({
      url: '/api/v1/tenant-api/api-keys',
      headers: { 'x-api-key': second.key },
    });
    expect(ok.statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tenant-api/api-keys/${second.id}`,
      headers: tenant.headers,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({
      url: '/api/v1/tenant-api/api-keys',
      headers: { 'x-api-key': second.key },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  });

  it('answers 401 in the envelope for a missing or invalid key', async () => {
    for (const headers of [{}, { 'x-api-key': 'tak_nope' }, { 'x-api-key': 'garbage' }]) {
      const res = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
    }
  });

  it("cannot revoke another tenant's key (404)", async () => {
    const a = await t.createTenant('A');
    const b = await t.createTenant('B');
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tenant-api/api-keys/${b.apiKey.id}`,
      headers: a.headers,
    });
    expect(res.statusCode).toBe(404);
    const still = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: b.headers });
    expect(still.statusCode).toBe(200);
    const listA = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: a.headers });
    expect(listA.json().data.map((k: { id: string }) => k.id)).toEqual([a.apiKey.id]);
  });

  it('never writes keys into the logs', async () => {
    const tenant = await t.createTenant();
    const inUrl = await t.app.inject({ url: `/api/v1/tenant-api/api-keys?apiKey=${tenant.apiKey.key}` });
    // A key in a REST URL is refused (it would sit in proxy logs); only the event stream takes one.
    expect(inUrl.statusCode).toBe(401);
    expect(inUrl.json().error.message).toMatch(
      /X-Api-Key header; \?apiKey= is accepted only by the \/events WebSocket/,
    );
    // The event stream's URL opened as a plain page: the same answer as with the header.
    const stream = await t.app.inject({ url: `/api/v1/tenant-api/events?apiKey=${tenant.apiKey.key}` });
    expect(stream.statusCode).toBe(400);
    expect(stream.json().error.message).toMatch(/This is a WebSocket endpoint/);
    const streamBadKey = await t.app.inject({ url: '/api/v1/tenant-api/events?apiKey=tak_wrong' });
    expect(streamBadKey.statusCode).toBe(401);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenant-api/api-keys?apiKey=${tenant.apiKey.key}`,
      payload: { name: 'sneaky' },
    });
    expect(created.statusCode).toBe(401);
    await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: tenant.headers });
    expect(t.logs()).toContain('/api/v1/tenant-api/api-keys');
    expect(t.logs()).not.toContain(tenant.apiKey.key);
  });
});

async function sha256(text: string) {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}
