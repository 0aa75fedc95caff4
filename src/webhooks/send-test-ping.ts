import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { nowIso } from '../db/time.ts';
import type { GuardedFetch } from '../http/guarded-fetch/index.ts';
import type { Vault } from '../vault/vault.ts';
import { activeSecrets } from './active-secrets.ts';
import { toDeliveryView } from './deliveries.repository.ts';
import { newDeliveryRow } from './record-webhook-event.ts';
import { sendDelivery } from './send-delivery.ts';
import type { DeliveryView } from './webhook.schema.ts';
import { PING_EVENT } from './webhook-event-types.ts';
import { findWebhookRow } from './webhooks.repository.ts';

export interface PingResult {
  ok: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  delivery: DeliveryView;
}

/**
 * Sends a `ping` event right now (also to a disabled webhook, to check it before switching it on),
 * bypassing the outbox, and logs the single attempt; a failed ping is not retried.
 */
export async function sendTestPing(
  deps: { db: Db; vault: Vault; fetch: GuardedFetch },
  tenantId: string,
  webhookId: string,
): Promise<PingResult | undefined> {
  const webhook = await findWebhookRow(deps.db, tenantId, webhookId);
  if (!webhook) return undefined;
  const createdAt = nowIso();
  const id = newId();
  const payload = JSON.stringify({ type: PING_EVENT, timestamp: createdAt, data: { webhookId } });
  const target = { url: webhook.url, secrets: activeSecrets(webhook, deps.vault) };
  const outcome = await sendDelivery(deps.fetch, target, { id, payload });
  const finishedAt = nowIso();
  const row = {
    ...newDeliveryRow(tenantId, webhookId, PING_EVENT, payload, createdAt),
    id,
    status: outcome.ok ? 'succeeded' : 'failed',
    attempts: 1,
    next_attempt_at: null,
    last_attempt_at: finishedAt,
    response_status: outcome.responseStatus,
    duration_ms: outcome.durationMs,
    error: outcome.error,
    delivered_at: outcome.ok ? finishedAt : null,
  };
  await deps.db.insertInto('webhook_deliveries').values(row).execute();
  return { ...outcome, delivery: toDeliveryView(row) };
}
