import type { Kysely } from 'kysely';
import { newId } from '../db/ids.ts';
import type { Database } from '../db/schema.ts';
import { nowIso } from '../db/time.ts';
import type { WebhookDeliveriesTable } from './webhook.tables.ts';
import { absenceGeneration, knownAbsent, rememberAbsent } from './webhook-absence.ts';
import type { WebhookEventType } from './webhook-event-types.ts';
import { signalOutboxWrite } from './worker-signal.ts';

/**
 * The outbox writer: one pending delivery per enabled webhook of the tenant subscribed to `type`.
 * Call it with the transaction that makes the change, so the event exists exactly when the change
 * does (a rollback drops both). The body is frozen here: every attempt sends the same bytes.
 * Returns how many deliveries were queued.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await insertCallLog(trx, log);
 *   await recordWebhookEvent(trx, tenantId, 'call.failed', callLogView);
 * });
 */
export async function recordWebhookEvent(
  db: Kysely<Database>,
  tenantId: string,
  type: WebhookEventType,
  data: unknown,
): Promise<number> {
  const queued = await insertWebhookDeliveries(db, tenantId, type, data);
  // Possibly before the caller's commit: the worker answers with a poll now and follow-ups.
  if (queued > 0) signalOutboxWrite();
  return queued;
}

/** The outbox rows alone, without waking the worker (the domain-event sink wakes it after commit). */
export async function insertWebhookDeliveries(
  db: Kysely<Database>,
  tenantId: string,
  type: string,
  data: unknown,
): Promise<number> {
  if (knownAbsent(tenantId, type)) return 0;
  const readAt = absenceGeneration();
  const webhooks = await db
    .selectFrom('webhooks')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', 1)
    // `events` is a JSON array of plain names; the quotes make the match exact.
    .where('events', 'like', `%"${type}"%`)
    .execute();
  if (webhooks.length === 0) {
    rememberAbsent(tenantId, type, readAt);
    return 0;
  }
  const now = nowIso();
  const payload = JSON.stringify({ type, timestamp: now, data });
  const rows: WebhookDeliveriesTable[] = webhooks.map((webhook) =>
    newDeliveryRow(tenantId, webhook.id, type, payload, now),
  );
  await db.insertInto('webhook_deliveries').values(rows).execute();
  return rows.length;
}

export function newDeliveryRow(
  tenantId: string,
  webhookId: string,
  type: string,
  payload: string,
  now: string,
): WebhookDeliveriesTable {
  return {
    id: newId(),
    tenant_id: tenantId,
    webhook_id: webhookId,
    event_type: type,
    payload,
    status: 'pending',
    attempts: 0,
    retry_step: 0,
    next_attempt_at: now,
    last_attempt_at: null,
    response_status: null,
    duration_ms: null,
    error: null,
    created_at: now,
    delivered_at: null,
  };
}
