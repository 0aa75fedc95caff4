import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { API_KEY_CACHE_TTL_MS, createApiKeyCache } from './api-key-cache.ts';
import { authenticateApiKey, hashApiKey } from './api-keys.ts';

describe('API key cache', () => {
  it('serves an entry until its TTL, and forgets a revoked key at once', () => {
    const cache = createApiKeyCache(1000);
    cache.set('h1', { apiKeyId: 'k1', tenantId: 't1', lastUsedAt: 0 }, 10_000);
    cache.set('h2', { apiKeyId: 'k2', tenantId: 't1', lastUsedAt: 0 }, 10_000);
    expect(cache.get('h1', 10_999)).toMatchObject({ apiKeyId: 'k1', tenantId: 't1' });
    expect(cache.get('h1', 11_000)).toBeUndefined();
    cache.forgetKey('k2');
    expect(cache.get('h2', 10_001)).toBeUndefined();
  });
});

describe('authenticateApiKey with the cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops accepting a key revoked by another process within the TTL', async () => {
    const tenant = await t.createTenant();
    const key = tenant.apiKey.key;
    vi.useFakeTimers({ toFake: ['Date'] });
    expect(await authenticateApiKey(t.ctx.db, key)).toMatchObject({ tenantId: tenant.id });
    // Another instance revokes the key: this process's database handle never hears of it.
    await t.ctx.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('key_hash', '=', hashApiKey(key))
      .execute();
    expect(await authenticateApiKey(t.ctx.db, key)).toMatchObject({ tenantId: tenant.id });
    vi.setSystemTime(Date.now() + API_KEY_CACHE_TTL_MS + 1);
    expect(await authenticateApiKey(t.ctx.db, key)).toBeNull();
    const res = await t.app.inject({ url: '/api/v1/tenant-api/widgets', headers: tenant.headers });
    expect(res.statusCode).toBe(401);
  });

  it('still records lastUsedAt to the minute for cached keys', async () => {
    const tenant = await t.createTenant();
    vi.useFakeTimers({ toFake: ['Date'] });
    const lastUsed = async () =>
      (
        await t.ctx.db
          .selectFrom('api_keys')
          .select('last_used_at')
          .where('key_hash', '=', hashApiKey(tenant.apiKey.key))
          .executeTakeFirstOrThrow()
      ).last_used_at;
    await authenticateApiKey(t.ctx.db, tenant.apiKey.key);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    vi.setSystemTime(Date.now() + 61_000);
    await authenticateApiKey(t.ctx.db, tenant.apiKey.key);
    expect(Date.parse((await lastUsed()) as string)).toBeGreaterThan(Date.parse(first as string) + 60_000);
  });
});
