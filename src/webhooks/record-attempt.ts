import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { toIso } from '../db/time.ts';
import { newDeliveryRow } from './record-webhook-event.ts';
import { nextRetryDelayMs } from './retry-schedule.ts';
import type { AttemptOutcome } from './send-delivery.ts';
import { DISABLED_EVENT } from './webhook-event-types.ts';

export interface RetryPolicy {
  retryScheduleMs: readonly number[];
  /** A webhook whose attempts have all failed for this long is switched off (3 days). */
  disableAfterMs: number;
  random: () => number;
}

export interface RecordedAttempt {
  /** When the delivery will be tried again; null when it succeeded or failed for good. */
  retryAt: Date | null;
  /** The webhook was switched off by this failure. */
  disabled: boolean;
}

/**
 * Stores an attempt's outcome on the delivery, moves the webhook's failure window, and switches
 * the webhook off (with an entry in its delivery log) once it has failed continuously for too long.
 */
export async function recordAttempt(
  db: Db,
  delivery: { id: string; tenant_id: string; webhook_id: string; retry_step: number },
  outcome: AttemptOutcome,
  policy: RetryPolicy,
  options: { now?: Date; wasFailing?: boolean } = {},
): Promise<RecordedAttempt> {
  const now = options.now ?? new Date();
  const at = toIso(now);
  const common = {
    attempts: sql<number>`attempts + 1`,
    last_attempt_at: at,
    response_status: outcome.responseStatus,
    duration_ms: outcome.durationMs,
    error: outcome.error,
  };
  if (outcome.ok) {
    await db
      .updateTable('webhook_deliveries')
      .set({ ...common, status: 'succeeded', delivered_at: at, next_attempt_at: null })
      .where('id', '=', delivery.id)
      .execute();
    // A success ends the failure window (skipped when the caller knows there is none).
    if (options.wasFailing !== false) {
      await db
        .updateTable('webhooks')
        .set({ failing_since: null })
        .where('id', '=', delivery.webhook_id)
        .where('failing_since', 'is not', null)
        .execute();
    }
    return { retryAt: null, disabled: false };
  }
  const step = delivery.retry_step + 1;
  const delay = nextRetryDelayMs(step, policy.retryScheduleMs, policy.random);
  const retryAt = delay === null ? null : new Date(now.getTime() + delay);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('webhook_deliveries')
      .set({
        ...common,
        status: retryAt ? 'pending' : 'failed',
        retry_step: step,
        next_attempt_at: retryAt ? toIso(retryAt) : null,
      })
      .where('id', '=', delivery.id)
      .execute();
    const disabled = await noteFailure(trx, delivery, policy.disableAfterMs, now);
    return { retryAt, disabled };
  });
}

async function noteFailure(
  trx: Db,
  delivery: { tenant_id: string; webhook_id: string },
  disableAfterMs: number,
  now: Date,
): Promise<boolean> {
  const at = toIso(now);
  await trx
    .updateTable('webhooks')
    .set({ failing_since: at })
    .where('id', '=', delivery.webhook_id)
    .where('failing_since', 'is', null)
    .execute();
  const cutoff = toIso(new Date(now.getTime() - disableAfterMs));
  const reason = `Disabled automatically: every delivery attempt failed for ${describeDuration(disableAfterMs)}.`;
  const result = await trx
    .updateTable('webhooks')
    .set({ enabled: 0, disabled_at: at, disabled_reason: reason, updated_at: at })
    .where('id', '=', delivery.webhook_id)
    .where('enabled', '=', 1)
    .where('failing_since', '<=', cutoff)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  const payload = JSON.stringify({
    type: DISABLED_EVENT,
    timestamp: at,
    data: { webhookId: delivery.webhook_id, reason },
  });
  await trx
    .insertInto('webhook_deliveries')
    .values({
      ...newDeliveryRow(delivery.tenant_id, delivery.webhook_id, DISABLED_EVENT, payload, at),
      id: newId(),
      status: 'failed',
      next_attempt_at: null,
      error: reason,
    })
    .execute();
  return true;
}

function describeDuration(ms: number): string {
  const days = ms / 86_400_000;
  if (Number.isInteger(days)) return `${days} day${days === 1 ? '' : 's'}`;
  return `${Math.round(ms / 1000)} seconds`;
}
