import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import { nowIso, toIso } from '../db/time.ts';
import { decoyHash, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'parley_session';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const sha256 = (value: string) => crypto.hash('sha256', value);

export interface SessionPrincipal {
  sessionId: string;
  tenantId: string;
  operatorId: string;
  role: 'admin' | 'operator';
  csrfToken: string;
  email: string;
  name: string;
}

export type LoginResult =
  | { ok: true; token: string; principal: SessionPrincipal }
  | { ok: false; reason: 'invalid' | 'choose_tenant'; tenants?: { id: string; name: string }[] };

/**
 * Checks email + password. One email may belong to people of several tenants; then the caller
 * must say which (`tenantId`). Unknown emails cost the same argon2 work as wrong passwords.
 */
export async function login(
  db: Db,
  email: string,
  password: string,
  tenantId?: string,
): Promise<LoginResult> {
  let query = db
    .selectFrom('operators')
    .innerJoin('operator_credentials', 'operator_credentials.operator_id', 'operators.id')
    .innerJoin('tenants', 'tenants.id', 'operators.tenant_id')
    .select([
      'operators.id',
      'operators.tenant_id',
      'operators.role',
      'operators.name',
      'operators.email',
      'operator_credentials.password_hash',
      'tenants.name as tenant_name',
    ])
    .where('operators.email', '=', email.trim().toLowerCase());
  if (tenantId) query = query.where('operators.tenant_id', '=', tenantId);
  const rows = await query.execute();
  // One at a time: each verification takes 64 MiB for a moment.
  const matching: typeof rows = [];
  for (const row of rows) if (await verifyPassword(row.password_hash, password)) matching.push(row);
  if (rows.length === 0) await verifyPassword(await decoyHash(), password);
  if (matching.length === 0) return { ok: false, reason: 'invalid' };
  if (matching.length > 1) {
    return {
      ok: false,
      reason: 'choose_tenant',
      tenants: matching.map((m) => ({ id: m.tenant_id, name: m.tenant_name })),
    };
  }
  const person = matching[0];
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const sessionId = sha256(token);
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      tenant_id: person.tenant_id,
      operator_id: person.id,
      csrf_token: csrfToken,
      created_at: nowIso(),
      expires_at: toIso(new Date(Date.now() + SESSION_TTL_MS)),
    })
    .execute();
  return {
    ok: true,
    token,
    principal: {
      sessionId,
      tenantId: person.tenant_id,
      operatorId: person.id,
      role: person.role === 'admin' ? 'admin' : 'operator',
      csrfToken,
      email: person.email,
      name: person.name,
    },
  };
}

export async function findSession(db: Db, token: string): Promise<SessionPrincipal | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('operators', 'operators.id', 'sessions.operator_id')
    .select([
      'sessions.id',
      'sessions.tenant_id',
      'sessions.operator_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'operators.role',
      'operators.email',
      'operators.name',
    ])
    .where('sessions.id', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at < nowIso()) return null;
  return {
    sessionId: row.id,
    tenantId: row.tenant_id,
    operatorId: row.operator_id,
    role: row.role === 'admin' ? 'admin' : 'operator',
    csrfToken: row.csrf_token,
    email: row.email,
    name: row.name,
  };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** The ids among `ids` of sessions that exist and have not expired. */
export async function activeSessionIds(db: Db, ids: readonly string[]): Promise<ReadonlySet<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', 'in', ids)
    .where('expires_at', '>', nowIso())
    .execute();
  return new Set(rows.map((r) => r.id));
}
