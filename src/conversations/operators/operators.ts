import { type Selectable, sql } from 'kysely';
import type { Db, DbKind } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { nowIso } from '../../db/time.ts';
import type { OperatorsTable } from '../conversation.tables.ts';
import type { CreateOperatorInput, Operator, UpdateOperatorInput } from './operator.schema.ts';

function toOperator(row: Selectable<OperatorsTable>): Operator {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Operator['role'],
    isAvailable: Boolean(row.is_available),
    createdAt: row.created_at,
  };
}

export type CreateOperatorResult = { ok: true; operator: Operator } | { ok: false; error: 'email_taken' };

export async function createOperator(
  db: Db,
  tenantId: string,
  input: CreateOperatorInput,
): Promise<CreateOperatorResult> {
  const taken = await db
    .selectFrom('operators')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('email', '=', input.email)
    .executeTakeFirst();
  if (taken) return { ok: false, error: 'email_taken' };
  const row = {
    id: newId(),
    tenant_id: tenantId,
    name: input.name,
    email: input.email,
    role: input.role ?? 'operator',
    is_available: input.isAvailable === false ? 0 : 1,
    created_at: nowIso(),
  };
  await db.insertInto('operators').values(row).execute();
  return { ok: true, operator: toOperator(row) };
}

export async function listOperators(db: Db, tenantId: string): Promise<Operator[]> {
  const rows = await db
    .selectFrom('operators')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toOperator);
}

export async function getOperator(db: Db, tenantId: string, id: string): Promise<Operator | undefined> {
  const row = await db
    .selectFrom('operators')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toOperator(row);
}

export type UpdateOperatorResult =
  | { ok: true; operator: Operator }
  | { ok: false; reason: 'not_found' | 'last_admin' };

/**
 * Applies a PATCH. Making the workspace's only admin an operator is refused (`last_admin`): nobody
 * could open the settings any more. The admins are locked first on PostgreSQL, so two admins
 * demoting each other at once cannot both succeed (SQLite runs one write transaction at a time).
 */
export async function updateOperator(
  { db, dbKind }: { db: Db; dbKind: DbKind },
  tenantId: string,
  id: string,
  patch: UpdateOperatorInput,
): Promise<UpdateOperatorResult> {
  const set: Partial<Selectable<OperatorsTable>> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.isAvailable !== undefined) set.is_available = patch.isAvailable ? 1 : 0;
  if (Object.keys(set).length === 0) {
    const operator = await getOperator(db, tenantId, id);
    return operator ? { ok: true, operator } : { ok: false, reason: 'not_found' };
  }
  return db.transaction().execute(async (trx) => {
    if (patch.role === 'operator') {
      const ids = await lockAdminIds(trx, dbKind, tenantId);
      if (ids.length === 1 && ids[0] === id) return { ok: false, reason: 'last_admin' } as const;
    }
    const row = await trx
      .updateTable('operators')
      .set(set)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row
      ? ({ ok: true, operator: toOperator(row) } as const)
      : ({ ok: false, reason: 'not_found' } as const);
  });
}

/**
 * The tenant's admins, locked on PostgreSQL for the rest of the transaction: two admins demoting or
 * removing each other at once cannot both succeed (SQLite runs one write transaction at a time).
 */
export async function lockAdminIds(db: Db, dbKind: DbKind, tenantId: string): Promise<string[]> {
  let admins = db
    .selectFrom('operators')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'admin');
  if (dbKind === 'postgres') admins = admins.forUpdate();
  return (await admins.execute()).map((row) => row.id);
}

/**
 * The available operator with the fewest open or pending conversations (ties: longest-standing),
 * for ASSIGN_TO_OPERATOR without an operatorId; undefined when nobody is available.
 */
export async function pickAvailableOperator(db: Db, tenantId: string): Promise<Operator | undefined> {
  const row = await db
    .selectFrom('operators as o')
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('conversations as c')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('c.assigned_to', '=', 'o.id')
        .where('c.tenant_id', '=', tenantId)
        .where('c.status', 'in', ['open', 'pending'])
        .as('load'),
    )
    .where('o.tenant_id', '=', tenantId)
    .where('o.is_available', '=', 1)
    .orderBy('load', 'asc')
    .orderBy('o.created_at', 'asc')
    .orderBy('o.id', 'asc')
    .executeTakeFirst();
  return row && toOperator(row);
}
