import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The available operator with the fewest open or pending conversations assigned (ties: the
 * longest-standing operator), or undefined when nobody is available.
 */
export async function leastBusyOperator(db: Db, tenantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('operators as o')
    .leftJoin('conversations as c', (join) =>
      join
        .onRef('c.assigned_to', '=', 'o.id')
        .on('c.tenant_id', '=', tenantId)
        .on('c.status', 'in', ['open', 'pending']),
    )
    .select(['o.id', sql<number>`count(c.id)`.as('load')])
    .where('o.tenant_id', '=', tenantId)
    .where('o.is_available', '=', 1)
    .groupBy(['o.id', 'o.created_at'])
    .orderBy('load')
    .orderBy('o.created_at')
    .orderBy('o.id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** The given operator if it is the tenant's own, else undefined. */
export async function findOperator(
  db: Db,
  tenantId: string,
  operatorId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('operators')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', operatorId)
    .executeTakeFirst();
  return row?.id;
}
