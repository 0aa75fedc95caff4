import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isReservedVisitorVariable } from '../visitor-identity/visitor-identity.ts';
import { parseVariables } from './to-resources.ts';

/** A value to store (as a string) or null to remove the variable. */
export type VariablePatch = Record<string, string | number | boolean | null>;

/** The conversation's session variables; {} when the conversation is unknown or another tenant's. */
export async function getVariables(
  db: Kysely<Database>,
  tenantId: string,
  conversationId: string,
): Promise<Record<string, string>> {
  const row = await db
    .selectFrom('conversations')
    .select('variables')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  return parseVariables(row?.variables);
}

export function applyVariablePatch(
  current: Record<string, string>,
  patch: VariablePatch,
): Record<string, string> {
  const next = new Map(Object.entries(current));
  for (const [name, value] of Object.entries(patch)) {
    // visitor.* holds identity verified at conversation start: no rule, mapping or AI may change it.
    if (isReservedVisitorVariable(name)) continue;
    if (value === null) next.delete(name);
    else next.set(name, String(value));
  }
  // fromEntries defines own properties, so a variable named "__proto__" stays a plain key.
  return Object.fromEntries(next);
}

/**
 * Merges `patch` into the session variables and returns the result (undefined when the conversation
 * is unknown or another tenant's). Safe under concurrency: the first statement takes the row's write
 * lock, so two writers never lose each other's keys. Pass a transaction to make it part of a larger write.
 */
export async function setVariables(
  db: Kysely<Database>,
  tenantId: string,
  conversationId: string,
  patch: VariablePatch,
): Promise<Record<string, string> | undefined> {
  const run = async (trx: Kysely<Database>) => {
    const row = await trx
      .updateTable('conversations')
      .set({ variables: sql<string>`variables` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', conversationId)
      .returning('variables')
      .executeTakeFirst();
    if (!row) return undefined;
    const next = applyVariablePatch(parseVariables(row.variables), patch);
    await trx
      .updateTable('conversations')
      .set({ variables: JSON.stringify(next) })
      .where('id', '=', conversationId)
      .execute();
    return next;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
