import { createOperatorAccount } from '../auth/operator-accounts.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { nowIso } from '../db/time.ts';
import { type IssuedApiKey, issueApiKey } from './api-keys.ts';

export interface Tenant {
  id: string;
  name: string;
  plan: string;
  creditBalance: number;
  totalCreditsAdded: number;
  createdAt: string;
}

export interface CreatedTenant {
  id: string;
  name: string;
  apiKey: Pick<IssuedApiKey, 'id' | 'name' | 'key'>;
  /** Present when a first admin was requested. */
  admin?: { id: string; email: string };
}

export interface FirstAdmin {
  email: string;
  password: string;
}

/**
 * Creates a tenant with its first API key (and optionally its first dashboard admin), as
 * `POST /platform/tenants` and `parley tenant create` show it. All or nothing.
 */
/** `credits`: the starting balance, counted as added (PARLEY_NEW_TENANT_CREDITS, or the CLI's --credits). */
export async function createTenant(
  db: Db,
  name: string,
  admin?: FirstAdmin,
  credits = 0,
): Promise<CreatedTenant> {
  return db.transaction().execute(async (trx) => {
    const tenant = await insertTenant(trx, name, credits);
    if (!admin) return tenant;
    const account = await createOperatorAccount(trx, tenant.id, { ...admin, role: 'admin' });
    return { ...tenant, admin: { id: account.id, email: account.email } };
  });
}

async function insertTenant(db: Db, name: string, credits: number): Promise<CreatedTenant> {
  const id = newId();
  await db
    .insertInto('tenants')
    .values({
      id,
      name,
      plan: 'free',
      credit_balance: credits,
      total_credits_added: credits,
      settings: '{}',
      created_at: nowIso(),
    })
    .execute();
  const key = await issueApiKey(db, id, 'Default key');
  return { id, name, apiKey: { id: key.id, name: key.name, key: key.key } };
}

export async function getTenant(db: Db, id: string): Promise<Tenant | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    plan: row.plan,
    creditBalance: Number(row.credit_balance),
    totalCreditsAdded: Number(row.total_credits_added),
    createdAt: row.created_at,
  };
}

/** The most credits one grant may add (Platform API and CLI). */
export const MAX_CREDIT_GRANT = 1e12;

/** Adds (or with a negative amount, removes) credits atomically. */
export async function addCredits(
  db: Db,
  tenantId: string,
  amount: number,
): Promise<{ creditBalance: number; totalCreditsAdded: number } | undefined> {
  const added = Math.max(amount, 0);
  await db
    .updateTable('tenants')
    .set((eb) => ({
      credit_balance: eb('credit_balance', '+', amount),
      total_credits_added: eb('total_credits_added', '+', added),
    }))
    .where('id', '=', tenantId)
    .execute();
  const tenant = await getTenant(db, tenantId);
  return tenant && { creditBalance: tenant.creditBalance, totalCreditsAdded: tenant.totalCreditsAdded };
}

/** Tenant settings (JSON); features read their own keys, e.g. `fallbackReply`. */
export async function getTenantSettings(db: Db, tenantId: string): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  return row ? (JSON.parse(row.settings) as Record<string, unknown>) : {};
}

export async function updateTenantSettings(
  db: Db,
  tenantId: string,
  patch: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const next = { ...(await getTenantSettings(db, tenantId)), ...patch };
  await db
    .updateTable('tenants')
    .set({ settings: JSON.stringify(next) })
    .where('id', '=', tenantId)
    .execute();
  return next;
}
