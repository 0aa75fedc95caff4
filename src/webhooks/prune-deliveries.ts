import type { Db } from '../db/database.ts';
import { toIso } from '../db/time.ts';

/**
 * Deletes finished deliveries (succeeded or failed) created before `before`; pending ones stay
 * whatever their age. Returns how many rows went.
 */
export async function pruneDeliveries(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('webhook_deliveries')
    .where('created_at', '<', toIso(before))
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
