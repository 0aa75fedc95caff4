import type { Db } from '../db/database.ts';

/** Marks the tenant's rules as changed; call inside the transaction that writes them. */
export async function bumpRuleRevision(db: Db, tenantId: string): Promise<void> {
  await db
    .insertInto('rule_revisions')
    .values({ tenant_id: tenantId, revision: 1 })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet((eb) => ({ revision: eb('rule_revisions.revision', '+', 1) })),
    )
    .execute();
}

/** The tenant's current rules revision (0 before any rule was written). */
export async function readRuleRevision(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('rule_revisions')
    .select('revision')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row ? Number(row.revision) : 0;
}
