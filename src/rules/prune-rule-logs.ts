import { uuidV7Floor } from '../connections/call-logs/prune-call-logs.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const lastPruned = new WeakMap<Db, number>();

/** Deletes rule-log rows older than the retention period (ids are UUIDv7, so this is a primary-key range). */
export async function pruneRuleLogs(db: Db, retentionDays: number, now = Date.now()): Promise<void> {
  await db
    .deleteFrom('rule_logs')
    .where('id', '<', uuidV7Floor(now - retentionDays * 86_400_000))
    .execute();
}

/**
 * Rule logs share the call logs' retention (PARLEY_CALL_LOG_RETENTION_DAYS). Pruned at most
 * once an hour per process, after a write, so the table stays bounded without a scheduler.
 */
export async function pruneRuleLogsNow(ctx: Pick<AppContext, 'db' | 'config'>): Promise<void> {
  const now = Date.now();
  if (now - (lastPruned.get(ctx.db) ?? 0) < PRUNE_EVERY_MS) return;
  lastPruned.set(ctx.db, now);
  await pruneRuleLogs(ctx.db, ctx.config.callLogRetentionDays, now);
}
