import { sql } from 'kysely';
import { leaseOwnerGone } from '../conversations/pipeline/lease-owner.ts';
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
    // Driven from the (few) webhooks rather than the (many) pending deliveries: each candidate costs
    // one probe of the (webhook_id, status, id) index, however long the backlog.
    let lock = trx
      .selectFrom('webhooks as w')
      .select('w.id')
      .where('w.enabled', '=', 1)
      .where((eb) => eb.or([eb('w.locked_by', 'is', null), eb('w.locked_until', '<', at)]))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('webhook_deliveries as d')
            .select('d.id')
            .whereRef('d.webhook_id', '=', 'w.id')
            .where('d.status', '=', 'pending')
            .where('d.next_attempt_at', '<=', at),
        ),
      )
      // Least recently served first (a released lease keeps its end time), so no webhook starves.
      .orderBy(sql`coalesce(w.locked_until, '')`)
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

/** Extends the lease; false when it was lost (another worker took over after it expired) or the webhook is gone. */
export async function renewLease(
  db: Db,
  webhookId: string,
  workerId: string,
  leaseMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set({ locked_until: toIso(new Date(now.getTime() + leaseMs)) })
    .where('id', '=', webhookId)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The webhook as it is now (a PATCH may have changed it), if this worker still holds its lease. */
export async function leasedWebhook(
  db: Db,
  webhookId: string,
  workerId: string,
): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', webhookId)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
}

/** Gives the lease up; `locked_until` keeps the release time, which orders the next claims fairly. */
export async function releaseLease(
  db: Db,
  webhookId: string,
  workerId: string,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ locked_by: null, locked_until: toIso(now) })
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

/**
 * Gives up the webhook leases of workers whose process is gone. Only for start-up on SQLite, where
 * one process owns the database file: such a lease belongs to a process that died, and its
 * webhooks would wait it out.
 */
export async function releaseLeasesOfDeadWorkers(db: Db, now = new Date()): Promise<number> {
  const holders = await db
    .selectFrom('webhooks')
    .select('locked_by')
    .distinct()
    .where('locked_by', 'is not', null)
    .execute();
  const gone = holders.map((h) => h.locked_by as string).filter((id) => leaseOwnerGone(id));
  if (gone.length === 0) return 0;
  const result = await db
    .updateTable('webhooks')
    .set({ locked_by: null, locked_until: toIso(now) })
    .where('locked_by', 'in', gone)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
