import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/time.ts';
import type { DeliveryStatus, DeliveryView, ListDeliveriesQuery } from './webhook.schema.ts';
import type { WebhookDeliveriesTable } from './webhook.tables.ts';
import { DISABLED_EVENT } from './webhook-event-types.ts';
import { signalOutboxWrite } from './worker-signal.ts';

type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export function toDeliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventType: row.event_type,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    responseStatus: row.response_status,
    durationMs: row.duration_ms,
    error: row.error,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
  };
}

/** A webhook's delivery log, newest first; the caller has checked that the webhook is the tenant's. */
export async function listDeliveries(
  db: Db,
  tenantId: string,
  webhookId: string,
  query: ListDeliveriesQuery,
): Promise<{ items: DeliveryView[]; total: number }> {
  let base = db
    .selectFrom('webhook_deliveries')
    .where('tenant_id', '=', tenantId)
    .where('webhook_id', '=', webhookId);
  if (query.status) base = base.where('status', '=', query.status);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDeliveryView), total: Number(count.total) };
}

export type RetryResult =
  | { ok: true; delivery: DeliveryView }
  | { ok: false; reason: 'not_found' | 'not_retryable' };

/**
 * Queues a delivery again, due now, with a fresh retry schedule; the webhook-id stays the same so
 * receivers can tell a redelivery. Works for failed and succeeded deliveries and hurries a pending one.
 */
export async function retryDelivery(
  db: Db,
  tenantId: string,
  webhookId: string,
  deliveryId: string,
): Promise<RetryResult> {
  const scoped = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('webhook_id', '=', webhookId)
    .where('id', '=', deliveryId);
  const row = await scoped.executeTakeFirst();
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.event_type === DISABLED_EVENT) return { ok: false, reason: 'not_retryable' };
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', retry_step: 0, next_attempt_at: nowIso(), delivered_at: null })
    .where('id', '=', row.id)
    .execute();
  signalOutboxWrite();
  const updated = await scoped.executeTakeFirstOrThrow();
  return { ok: true, delivery: toDeliveryView(updated) };
}
