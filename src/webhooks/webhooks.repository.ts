import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { nowIso, toIso } from '../db/time.ts';
import type { Vault } from '../vault/vault.ts';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookView } from './webhook.schema.ts';
import type { WebhooksTable } from './webhook.tables.ts';
import { webhooksChanged } from './webhook-absence.ts';
import { webhookEventTypes } from './webhook-event-types.ts';
import { generateWebhookSecret, ROTATION_OVERLAP_MS } from './webhook-secret.ts';

export type WebhookRow = Selectable<WebhooksTable>;

/** A webhook with the signing secret that exists in clear only in this one response. */
export type WebhookWithSecret = WebhookView & { secret: string };

export function toWebhookView(row: WebhookRow, now = new Date()): WebhookView {
  const overlapActive =
    row.previous_secret !== null &&
    row.previous_secret_expires_at !== null &&
    row.previous_secret_expires_at > toIso(now);
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    enabled: row.enabled === 1,
    description: row.description,
    previousSecretExpiresAt: overlapActive ? row.previous_secret_expires_at : null,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every query of this file is scoped by tenant: another tenant's webhook simply does not exist. */
const scoped = (db: Db, tenantId: string) => db.selectFrom('webhooks').where('tenant_id', '=', tenantId);

export async function createWebhook(
  db: Db,
  vault: Vault,
  tenantId: string,
  input: CreateWebhookInput,
): Promise<WebhookWithSecret> {
  const secret = generateWebhookSecret();
  const now = nowIso();
  const row: WebhookRow = {
    id: newId(),
    tenant_id: tenantId,
    url: input.url,
    description: input.description ?? '',
    events: JSON.stringify(input.events ?? webhookEventTypes),
    enabled: input.enabled === false ? 0 : 1,
    secret: vault.seal(secret),
    previous_secret: null,
    previous_secret_expires_at: null,
    failing_since: null,
    disabled_at: null,
    disabled_reason: null,
    locked_by: null,
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('webhooks').values(row).execute();
  webhooksChanged(tenantId);
  return { ...toWebhookView(row), secret };
}

export async function listWebhooks(db: Db, tenantId: string): Promise<WebhookView[]> {
  const rows = await scoped(db, tenantId).selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => toWebhookView(row));
}

export async function findWebhookRow(db: Db, tenantId: string, id: string): Promise<WebhookRow | undefined> {
  return scoped(db, tenantId).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getWebhook(db: Db, tenantId: string, id: string): Promise<WebhookView | undefined> {
  const row = await findWebhookRow(db, tenantId, id);
  return row && toWebhookView(row);
}

export async function updateWebhook(
  db: Db,
  tenantId: string,
  id: string,
  patch: UpdateWebhookInput,
): Promise<WebhookView | undefined> {
  const changes: Partial<WebhookRow> = { updated_at: nowIso() };
  if (patch.url !== undefined) changes.url = patch.url;
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.events !== undefined) changes.events = JSON.stringify(patch.events);
  if (patch.enabled !== undefined) {
    changes.enabled = patch.enabled ? 1 : 0;
    // Switching a webhook back on starts a fresh failure window.
    if (patch.enabled)
      Object.assign(changes, { failing_since: null, disabled_at: null, disabled_reason: null });
  }
  const result = await db
    .updateTable('webhooks')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  webhooksChanged(tenantId);
  return getWebhook(db, tenantId, id);
}

export async function deleteWebhook(db: Db, tenantId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('webhooks')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** New secret now; the current one keeps signing (as a second signature) for ROTATION_OVERLAP_MS. */
export async function rotateWebhookSecret(
  db: Db,
  vault: Vault,
  tenantId: string,
  id: string,
  now = new Date(),
): Promise<WebhookWithSecret | undefined> {
  const secret = generateWebhookSecret();
  const updated = await db.transaction().execute(async (trx) => {
    const row = await findWebhookRow(trx, tenantId, id);
    if (!row) return undefined;
    const changes = {
      secret: vault.seal(secret),
      previous_secret: row.secret,
      previous_secret_expires_at: toIso(new Date(now.getTime() + ROTATION_OVERLAP_MS)),
      updated_at: toIso(now),
    };
    await trx.updateTable('webhooks').set(changes).where('id', '=', row.id).execute();
    return { ...row, ...changes };
  });
  return updated && { ...toWebhookView(updated, now), secret };
}
