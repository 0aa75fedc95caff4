import type { Db } from '../../db/database.ts';
import { toIso } from '../../db/time.ts';

export const DEFAULT_MAX_CALL_LOGS_PER_TENANT = 10_000;

/**
 * Bounds call-log storage: rows older than the retention period go, and each
 * listed tenant keeps at most `maxRowsPerTenant` newest rows (ids are UUIDv7,
 * so id order is time order and both deletes are index range scans).
 */
export async function pruneCallLogs(
  db: Db,
  options: { retentionDays: number; maxRowsPerTenant?: number; tenantIds?: readonly string[]; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  const cutoff = toIso(new Date(now.getTime() - options.retentionDays * 86_400_000));
  await db.deleteFrom('call_logs').where('created_at', '<', cutoff).execute();
  const max = options.maxRowsPerTenant ?? DEFAULT_MAX_CALL_LOGS_PER_TENANT;
  for (const tenantId of options.tenantIds ?? []) {
    const boundary = await db
      .selectFrom('call_logs')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .orderBy('id', 'desc')
      .limit(1)
      .offset(max)
      .executeTakeFirst();
    if (!boundary) continue;
    await db
      .deleteFrom('call_logs')
      .where('tenant_id', '=', tenantId)
      .where('id', '<=', boundary.id)
      .execute();
  }
}
