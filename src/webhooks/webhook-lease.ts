import type { Db, DbKind } from '../db/database.ts';
import { toIso } from '../db/time.ts';
import type { WebhookRow } from './webhooks.repository.ts';

/**
 * Leases on webhooks: the worker holding a webhook's lease is the only one sending to it, which
 * keeps one delivery per webhook in flight (per-webhook order) across processes. A lease that is
 * not renewed (the process died) expires after `leaseMs` and another worker takes over.
 */
export async function claimWebhooks(
  db: Db,
  dbKind: DbKind,
  workerId: string,
  limit: number,
  leaseMs: number,
  now: Date = new Date(),
): Promise<string[]> {
  const at = toIso(now);
  return db.transaction().execute(async (trx) => {
    const free = (eb: any) => eb.or([eb('w.locked_until', 'is', null), eb('w.locked_until', '<', at)]);
    const due = await trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select('d.webhook_id')
      .distinct()
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', at)
      .where('w.enabled', '=', 1)
      .where(free)
      .limit(limit * 2)
      .execute();
    if (due.length === 0) return [];
    let lock = trx
      .selectFrom('webhooks as w')
      .select('w.id')
      .where(
        'w.id',
        'in',
        due.map((d) => d.webhook_id),
      )
      .where('w.enabled', '=', 1)
      .where(free)
      .limit(limit);
    // Several processes on PostgreSQL: a row another claimer holds is skipped, not waited for, and a
    // lease committed meanwhile is re-checked on the locked row (READ COMMITTED re-evaluates the WHERE).
    if (dbKind === 'postgres') lock = lock.forUpdate().skipLocked();
    const ids = (await lock.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    await trx
      .updateTable('webhooks')
      .set({ locked_by: workerId, locked_until: toIso(new Date(now.getTime() + leaseMs)) })
      .where('id', 'in', ids)
      .execute();
    return ids;
  });
}

/** Renews the lease and returns the webhook, or undefined when the lease was lost or the webhook is gone. */
export async function renewLease(
  db: Db,
  webhookId: string,
  workerId: string,
  leaseMs: number,
  now: Date = new Date(),
): Promise<WebhookRow | undefined> {
  const result = await db
    .updateTable('webhooks')
    .set({ locked_until: toIso(new Date(now.getTime() + leaseMs)) })
    .where('id', '=', webhookId)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return db.selectFrom('webhooks').selectAll().where('id', '=', webhookId).executeTakeFirst();
}

export async function releaseLease(db: Db, webhookId: string, workerId: string): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ locked_by: null, locked_until: null })
    .where('id', '=', webhookId)
    .where('locked_by', '=', workerId)
    .execute();
}

/** The webhook's oldest delivery that is due now (order of first attempts follows creation order). */
export async function nextDueDelivery(db: Db, webhookId: string, now: Date = new Date()) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'tenant_id', 'webhook_id', 'payload', 'retry_step'])
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', toIso(now))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
