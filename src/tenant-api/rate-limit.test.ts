import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestEnvironment, TEST_REDIS_URL } from '../../test/helpers/test-app.ts';

describe('Tenant API rate limit', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('answers the 61st request in a minute with 429, Retry-After and RateLimit headers', async () => {
    const t = await createTestApp();
    closers.push(t.close);
    const tenant = await t.createTenant();
    for (let i = 1; i <= 60; i++) {
      const res = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: tenant.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-remaining']).toBe(String(60 - i));
    }
    const limited = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: tenant.headers });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-limit']).toBe('60');

    // The budget is per key: another key of the same installation is unaffected.
    const other = await t.createTenant();
    const ok = await t.app.inject({ url: '/api/v1/tenant-api/api-keys', headers: other.headers });
    expect(ok.statusCode).toBe(200);
  });

  it('shares one budget between two instances through Redis', async () => {
    const environment = await createTestEnvironment({
      REDIS_URL: TEST_REDIS_URL,
      PARLEY_RATE_LIMIT_PER_MIN: '10',
    });
    const a = await createTestApp({}, { environment });
    const b = await createTestApp({}, { environment });
    closers.push(async () => {
      await a.close();
      await b.close();
      await environment.dispose();
    });
    const tenant = await a.createTenant(`shared-${crypto.randomUUID()}`);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const app = i % 2 === 0 ? a.app : b.app;
      statuses.push(
        (await app.inject({ url: '/api/v1/tenant-api/api-keys', headers: tenant.headers })).statusCode,
      );
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toEqual([429, 429]);

    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${a.ctx.redisKeyPrefix('ratelimit')}key:${tenant.apiKey.id}`);
    await redis.quit();
    expect(keys).toHaveLength(1);
    expect(a.ctx.redisKeyPrefix('ratelimit')).toBe(b.ctx.redisKeyPrefix('ratelimit'));
    expect(a.ctx.redisKeyPrefix('ratelimit')).toMatch(/^parley:[0-9a-f]{16}:ratelimit:$/);
  });
});
