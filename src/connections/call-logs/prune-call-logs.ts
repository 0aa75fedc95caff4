import type { Db } from '../../db/database.ts';

export const DEFAULT_MAX_CALL_LOGS_PER_TENANT = 10_000;

/**
 * The smallest UUIDv7 of a millisecond: its first 48 bits are the Unix time in
 * ms (RFC 9562 §5.7), so `id < uuidV7Floor(t)` means "created before t" and the
 * primary key serves the retention delete.
 */
export function uuidV7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

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
  const cutoff = uuidV7Floor(now.getTime() - options.retentionDays * 86_400_000);
  await db.deleteFrom('call_logs').where('id', '<', cutoff).execute();
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
