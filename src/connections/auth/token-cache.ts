import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Vault } from '../../vault/vault.ts';
import type { CallError } from '../call-error.ts';
import { refreshDelayMs, type TokenFetchResult } from './oauth2-client-credentials.ts';

export interface TokenKey {
  tenantId: string;
  connectionId: string;
}

export type TokenOutcome = { ok: true; token: string } | { ok: false; error: CallError };

export interface TokenCache {
  /** A usable token, fetched at most once at a time per connection however many callers wait. */
  getToken(key: TokenKey, fingerprint: string, fetch: () => Promise<TokenFetchResult>): Promise<TokenOutcome>;
  /** Forgets `token` if it is still the cached one (the API rejected it). */
  discard(key: TokenKey, token: string): Promise<void>;
  /** Forgets the connection's token (its settings changed or it was deleted). */
  invalidate(key: TokenKey): Promise<void>;
  /** Forgets this process's copy only (another process changed the connection and cleared Redis). */
  forget(key: TokenKey): void;
}

export interface TokenCacheOptions {
  vault: Vault;
  /** With Redis, processes share tokens (sealed with the vault) and one lock per connection. */
  redis?: Redis;
  /** Prefix of the shared keys, scoped to the installation (AppContext.redisKeyPrefix). */
  redisKeyPrefix?: string;
  now?: () => number;
  /** How long one process may hold the fetch lock; above any token request's timeout. */
  lockMs?: number;
}

interface Entry {
  fingerprint: string;
  token: string;
  refreshAt: number;
}

const tokenTag = (token: string) => crypto.createHash('sha256').update(token).digest('hex').slice(0, 16);
// Deletes KEYS[1] only if its value starts with ARGV[1]: a lock we own, or a token we saw fail.
const deleteIfPrefix = `local v = redis.call('get', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/**
 * OAuth2 token cache, keyed per tenant and connection (never by token URL alone:
 * two tenants may share an authorization server). A failed fetch is never stored.
 */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const { vault, redis } = options;
  const now = options.now ?? Date.now;
  const lockMs = options.lockMs ?? 15_000;
  const memory = new Map<string, Entry>();
  const flights = new Map<string, Promise<TokenOutcome>>();
  const id = (key: TokenKey) => `${key.tenantId}:${key.connectionId}`;
  const prefix = options.redisKeyPrefix ?? 'parley:oauth-token:';
  const redisKey = (key: TokenKey) => `${prefix}${id(key)}`;

  async function readShared(key: TokenKey, fingerprint: string): Promise<Entry | undefined> {
    const raw = await redis?.get(redisKey(key)).catch(() => null);
    if (!raw) return undefined;
    try {
      const entry = JSON.parse(vault.open(raw.slice(raw.indexOf('|') + 1))) as Entry;
      return entry.fingerprint === fingerprint && entry.refreshAt > now() ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  async function writeShared(key: TokenKey, entry: Entry): Promise<void> {
    const ttl = Math.floor(entry.refreshAt - now());
    if (!redis || ttl <= 0) return;
    const value = `${tokenTag(entry.token)}|${vault.seal(JSON.stringify(entry))}`;
    await redis.set(redisKey(key), value, 'PX', ttl).catch(() => undefined);
  }

  async function fetchAndStore(key: TokenKey, fingerprint: string, fetch: () => Promise<TokenFetchResult>) {
    const result = await fetch();
    if (!result.ok) return result;
    const entry = { fingerprint, token: result.token, refreshAt: now() + refreshDelayMs(result.lifetimeMs) };
    if (result.lifetimeMs > 0) {
      memory.set(id(key), entry);
      await writeShared(key, entry);
    }
    return { ok: true as const, token: result.token };
  }

  /** Redis path: a shared token, else the lock holder fetches while the others poll for its result. */
  async function fetchShared(key: TokenKey, fingerprint: string, fetch: () => Promise<TokenFetchResult>) {
    const lockKey = `${redisKey(key)}:lock`;
    const owner = crypto.randomUUID();
    const giveUpAt = now() + lockMs;
    for (;;) {
      const shared = await readShared(key, fingerprint);
      if (shared) {
        memory.set(id(key), shared);
        return { ok: true as const, token: shared.token };
      }
      const locked = await redis!.set(lockKey, owner, 'PX', lockMs, 'NX').catch(() => 'ERR');
      if (locked === 'OK') {
        try {
          const again = await readShared(key, fingerprint);
          if (again) return { ok: true as const, token: again.token };
          return await fetchAndStore(key, fingerprint, fetch);
        } finally {
          await redis!.eval(deleteIfPrefix, 1, lockKey, owner).catch(() => undefined);
        }
      }
      // Redis unreachable, or the holder vanished without releasing: fetch ourselves.
      if (locked === 'ERR' || now() > giveUpAt) return fetchAndStore(key, fingerprint, fetch);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  return {
    getToken(key, fingerprint, fetch) {
      const cached = memory.get(id(key));
      if (cached && cached.fingerprint === fingerprint && cached.refreshAt > now()) {
        return Promise.resolve({ ok: true, token: cached.token });
      }
      const flightKey = `${id(key)}:${fingerprint}`;
      let flight = flights.get(flightKey);
      if (!flight) {
        flight = (
          redis ? fetchShared(key, fingerprint, fetch) : fetchAndStore(key, fingerprint, fetch)
        ).finally(() => flights.delete(flightKey));
        flights.set(flightKey, flight);
      }
      return flight;
    },
    async discard(key, token) {
      if (memory.get(id(key))?.token === token) memory.delete(id(key));
      await redis?.eval(deleteIfPrefix, 1, redisKey(key), `${tokenTag(token)}|`).catch(() => undefined);
    },
    forget(key) {
      memory.delete(id(key));
    },
    async invalidate(key) {
      memory.delete(id(key));
      await redis?.del(redisKey(key)).catch(() => undefined);
    },
  };
}
