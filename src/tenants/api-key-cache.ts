/** A key that authenticated recently: what the auth hook needs without a query. */
export interface CachedApiKey {
  apiKeyId: string;
  tenantId: string;
  /** When `last_used_at` was last written (ms), so it is refreshed once a minute at most. */
  lastUsedAt: number;
  expiresAt: number;
}

/**
 * Recently authenticated keys by SHA-256, per database: a busy integration costs one lookup per
 * key every TTL instead of a query per request. Revoking a key in this process forgets it at
 * once; another process (several instances on one PostgreSQL) notices within the TTL.
 */
export interface ApiKeyCache {
  get(hash: string, now: number): CachedApiKey | undefined;
  set(hash: string, entry: Omit<CachedApiKey, 'expiresAt'>, now: number): void;
  forgetKey(apiKeyId: string): void;
}

export const API_KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export function createApiKeyCache(ttlMs = API_KEY_CACHE_TTL_MS): ApiKeyCache {
  const entries = new Map<string, CachedApiKey>();
  return {
    get(hash, now) {
      const entry = entries.get(hash);
      if (entry && entry.expiresAt <= now) {
        entries.delete(hash);
        return undefined;
      }
      return entry;
    },
    set(hash, entry, now) {
      // Keys are few; a flood of distinct valid keys only costs the cache, never correctness.
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(hash, { ...entry, expiresAt: now + ttlMs });
    },
    forgetKey(apiKeyId) {
      for (const [hash, entry] of entries) if (entry.apiKeyId === apiKeyId) entries.delete(hash);
    },
  };
}

const caches = new WeakMap<object, ApiKeyCache>();

/** The cache of one database handle (tests run several apps, each with its own database). */
export function apiKeyCacheFor(db: object): ApiKeyCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = createApiKeyCache();
    caches.set(db, cache);
  }
  return cache;
}
