import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { nowIso } from '../db/time.ts';
import { apiKeyCacheFor } from './api-key-cache.ts';

export const API_KEY_PREFIX = 'tak_';

export const hashApiKey = (key: string): string => crypto.hash('sha256', key);

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface IssuedApiKey extends ApiKeyView {
  /** The only time the full key exists outside the caller's hands. */
  key: string;
}

/** Issues `tak_` + 32 random bytes (base64url); only its SHA-256 is stored. */
export async function issueApiKey(db: Db, tenantId: string, name: string): Promise<IssuedApiKey> {
  const key = API_KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
  const row = {
    id: newId(),
    tenant_id: tenantId,
    name,
    prefix: key.slice(0, API_KEY_PREFIX.length + 6),
    key_hash: hashApiKey(key),
    created_at: nowIso(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_keys').values(row).execute();
  return { id: row.id, name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: null, key };
}

export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeyView[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
    .where('tenant_id', '=', tenantId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** Returns false when the key is unknown, another tenant's, or already revoked. */
export async function revokeApiKey(db: Db, tenantId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: nowIso() })
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  apiKeyCacheFor(db).forgetKey(id);
  return Number(result.numUpdatedRows) > 0;
}

export interface AuthenticatedKey {
  apiKeyId: string;
  tenantId: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Finds the tenant of a presented key by its hash. Recently seen keys come from memory
 * (api-key-cache.ts: revocation in this process is immediate, elsewhere within seconds).
 */
export async function authenticateApiKey(db: Db, key: string): Promise<AuthenticatedKey | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const hash = hashApiKey(key);
  const cache = apiKeyCacheFor(db);
  const now = Date.now();
  const cached = cache.get(hash, now);
  if (cached && now - cached.lastUsedAt <= LAST_USED_RESOLUTION_MS) {
    return { apiKeyId: cached.apiKeyId, tenantId: cached.tenantId };
  }
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'tenant_id', 'last_used_at'])
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // lastUsedAt to the minute: one write per key per minute, not one per request.
  let lastUsedAt = row.last_used_at ? Date.parse(row.last_used_at) : 0;
  if (now - lastUsedAt > LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_keys').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
    lastUsedAt = now;
  }
  cache.set(hash, { apiKeyId: row.id, tenantId: row.tenant_id, lastUsedAt }, now);
  return { apiKeyId: row.id, tenantId: row.tenant_id };
}

/** The ids among `ids` of keys that are not revoked. */
export async function activeApiKeyIds(db: Db, ids: readonly string[]): Promise<ReadonlySet<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('api_keys')
    .select('id')
    .where('id', 'in', ids)
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}
