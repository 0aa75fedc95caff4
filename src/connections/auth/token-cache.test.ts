import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../../test/helpers/test-app.ts';
import { createVault } from '../../vault/vault.ts';
import { refreshDelayMs, type TokenFetchResult, tokenLifetimeSeconds } from './oauth2-client-credentials.ts';
import { createTokenCache } from './token-cache.ts';

const vault = createVault(crypto.randomBytes(32));
const key = () => ({ tenantId: crypto.randomUUID(), connectionId: crypto.randomUUID() });

function counter(lifetimeMs = 3_600_000) {
  let n = 0;
  const fetch = async (): Promise<TokenFetchResult> => ({ ok: true, token: `token-${++n}`, lifetimeMs });
  return { fetch, count: () => n };
}

describe('expires_in handling', () => {
  it.each([
    [undefined, 3600],
    [null, 3600],
    ['', 3600],
    ['abc', 3600],
    [Number.NaN, 3600],
    [{}, 3600],
    [120, 120],
    ['120', 120],
    [' 90 ', 90],
    [0, 0],
    ['0', 0],
    [-5, 0],
    [10 ** 12, 86400],
    [Number.POSITIVE_INFINITY, 3600],
  ])('expires_in %j → %d s', (raw, seconds) => {
    expect(tokenLifetimeSeconds(raw)).toBe(seconds);
  });

  it('refreshes 30 s early, or 10 % early for short-lived tokens', () => {
    expect(refreshDelayMs(3_600_000)).toBe(3_570_000);
    expect(refreshDelayMs(60_000)).toBe(54_000);
  });
});

describe('token cache (memory)', () => {
  it('serves the cached token until shortly before expiry, then fetches a new one', async () => {
    let now = 1_000_000;
    const cache = createTokenCache({ vault, now: () => now });
    const { fetch, count } = counter(100_000);
    const k = key();
    expect(await cache.getToken(k, 'fp', fetch)).toEqual({ ok: true, token: 'token-1' });
    now += 89_999;
    expect(await cache.getToken(k, 'fp', fetch)).toEqual({ ok: true, token: 'token-1' });
    now += 2;
    expect(await cache.getToken(k, 'fp', fetch)).toEqual({ ok: true, token: 'token-2' });
    expect(count()).toBe(2);
  });

  it('shares one fetch among concurrent callers', async () => {
    const cache = createTokenCache({ vault });
    let n = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fetch = async (): Promise<TokenFetchResult> => {
      n++;
      await gate;
      return { ok: true, token: 'shared', lifetimeMs: 60_000 };
    };
    const k = key();
    const waiting = Array.from({ length: 20 }, () => cache.getToken(k, 'fp', fetch));
    release();
    const results = await Promise.all(waiting);
    expect(n).toBe(1);
    expect(new Set(results.map((r) => (r.ok ? r.token : 'x')))).toEqual(new Set(['shared']));
  });

  it('never caches a failure, nor a token with no lifetime', async () => {
    const cache = createTokenCache({ vault });
    let n = 0;
    const failing = async (): Promise<TokenFetchResult> => {
      n++;
      return { ok: false, error: { code: 'UPSTREAM_ERROR', message: 'no', publicMessage: 'no' } };
    };
    const k = key();
    expect((await cache.getToken(k, 'fp', failing)).ok).toBe(false);
    expect((await cache.getToken(k, 'fp', failing)).ok).toBe(false);
    expect(n).toBe(2);
    const { fetch, count } = counter(0);
    await cache.getToken(k, 'fp', fetch);
    await cache.getToken(k, 'fp', fetch);
    expect(count()).toBe(2);
  });

  it('discards only the token that failed, and invalidates on request or a new fingerprint', async () => {
    const cache = createTokenCache({ vault });
    const { fetch, count } = counter();
    const k = key();
    await cache.getToken(k, 'fp', fetch);
    await cache.discard(k, 'some-older-token');
    expect(await cache.getToken(k, 'fp', fetch)).toEqual({ ok: true, token: 'token-1' });
    await cache.discard(k, 'token-1');
    expect(await cache.getToken(k, 'fp', fetch)).toEqual({ ok: true, token: 'token-2' });
    await cache.invalidate(k);
    expect(await cache.getToken(k, 'fp', fetch)).toEqual({ ok: true, token: 'token-3' });
    expect(await cache.getToken(k, 'changed-credentials', fetch)).toEqual({ ok: true, token: 'token-4' });
    expect(count()).toBe(4);
    expect(await cache.getToken(key(), 'fp', fetch)).toEqual({ ok: true, token: 'token-5' });
  });
});

describe('token cache (shared through Redis)', () => {
  const clients: Redis[] = [];
  const redis = () => {
    const client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    for (const client of clients) await client.quit();
  });

  it('two processes share one token; concurrent misses cause one fetch; the value is sealed', async () => {
    const a = createTokenCache({ vault, redis: redis() });
    const b = createTokenCache({ vault, redis: redis() });
    let n = 0;
    const fetch = async (): Promise<TokenFetchResult> => {
      n++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { ok: true, token: `redis-token-${n}`, lifetimeMs: 600_000 };
    };
    const k = key();
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => a.getToken(k, 'fp', fetch)),
      ...Array.from({ length: 10 }, () => b.getToken(k, 'fp', fetch)),
    ]);
    expect(n).toBe(1);
    expect(results.every((r) => r.ok && r.token === 'redis-token-1')).toBe(true);

    const c = createTokenCache({ vault, redis: redis() });
    expect(await c.getToken(k, 'fp', fetch)).toEqual({ ok: true, token: 'redis-token-1' });
    expect(n).toBe(1);
    const raw = await redis().get(`parley:oauth-token:${k.tenantId}:${k.connectionId}`);
    expect(raw).toContain('pv1:');
    expect(raw).not.toContain('redis-token-1');
    const ttl = await redis().pttl(`parley:oauth-token:${k.tenantId}:${k.connectionId}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(570_000);

    await c.discard(k, 'redis-token-1');
    const d = createTokenCache({ vault, redis: redis() });
    expect(await d.getToken(k, 'fp', fetch)).toEqual({ ok: true, token: 'redis-token-2' });
    await d.invalidate(k);
    expect(await redis().exists(`parley:oauth-token:${k.tenantId}:${k.connectionId}`)).toBe(0);
  });
});
