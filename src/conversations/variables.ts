import { type Kysely, SqliteAdapter, sql } from 'kysely';
import { prepareQuery } from '../db/prepared-query.ts';
import type { Database } from '../db/schema.ts';
import { isReservedVisitorVariable } from '../visitor-identity/visitor-identity.ts';
import { parseVariables } from './to-resources.ts';

/**
 * A leading "_" marks an internal variable (the assistant's _pendingRule, or a tenant's own helper
 * flag): rules and endpoint calls use it, but API clients, the inbox and AI models never see it.
 */
export const isInternalVariable = (name: string): boolean => name.startsWith('_');

/** The assistant's memory of a slot question it waits on (see rules/actions/pending-rule.ts). */
export const PENDING_RULE_VARIABLE = '_pendingRule';

export const RESERVED_VARIABLE_MESSAGE = `visitor.* variables are set only by identity verification and ${PENDING_RULE_VARIABLE} only by the assistant: choose another name`;

/**
 * False for names no rule, mapping or AI may write: `visitor.*` (a mapping could otherwise forge
 * `visitor.verified` for the rest of the turn) and the engine's own `_pendingRule` (a SET_VARIABLE
 * or mapping of that name would send the next message into a rule that never asked anything).
 */
export const isWritableVariable = (name: string): boolean =>
  !isReservedVisitorVariable(name) && name !== PENDING_RULE_VARIABLE;

/**
 * What one endpoint call writes: its writable mapped values, and null (remove) for the endpoint's
 * other mapping targets still set — each call replaces what the previous one mapped, so a reply
 * never states the previous order's status for the order just asked about.
 */
export function mappingPatch(
  targets: readonly string[],
  mapped: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(mapped)) if (isWritableVariable(name)) patch[name] = value;
  for (const name of targets) {
    if (!Object.hasOwn(patch, name) && isWritableVariable(name) && Object.hasOwn(current, name)) {
      patch[name] = null;
    }
  }
  return patch;
}

/** The variables an API client is shown: all but the internal ones. */
export function clientVisibleVariables(variables: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).filter(([name]) => !isInternalVariable(name)));
}

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
 * is unknown or another tenant's). Safe under concurrency: the merge happens under the row's write
 * lock, so two writers never lose each other's keys. Pass a transaction to make it part of a larger
 * write, or `alongside` to run another write in the same transaction (before the merge).
 */
export async function setVariables(
  db: Kysely<Database>,
  tenantId: string,
  conversationId: string,
  patch: VariablePatch,
  alongside?: (trx: Kysely<Database>) => Promise<void>,
): Promise<Record<string, string> | undefined> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const run = async (trx: Kysely<Database>) => {
    if (alongside) await alongside(trx);
    if (sqlite) return mergeInSqlite(trx, tenantId, conversationId, patch);
    // Takes the row's write lock before reading, so the read-modify-write below is atomic.
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
  if (db.isTransaction) return run(db);
  // SQLite merges in one statement, which needs no transaction of its own.
  if (sqlite && !alongside) return run(db);
  return db.transaction().execute(run);
}

const jsonPatchVariables = prepareQuery(
  (_db, p: { patch: string; tenantId: string; conversationId: string }) =>
    sql<{ variables: string }>`
    update conversations
    set variables = json_patch(
      case when json_valid(variables) and json_type(variables) = 'object' then variables else '{}' end,
      ${p.patch})
    where tenant_id = ${p.tenantId} and id = ${p.conversationId}
    returning variables`,
);

/**
 * SQLite merges with `json_patch` (RFC 7396: null removes a key, existing keys keep their place)
 * in one statement — the pipeline sets variables on most messages. A damaged stored value is
 * replaced, as parseVariables would.
 */
async function mergeInSqlite(
  db: Kysely<Database>,
  tenantId: string,
  conversationId: string,
  patch: VariablePatch,
): Promise<Record<string, string> | undefined> {
  const clean = new Map<string, string | null>();
  for (const [name, value] of Object.entries(patch)) {
    if (!isReservedVisitorVariable(name)) clean.set(name, value === null ? null : String(value));
  }
  const patchJson = JSON.stringify(Object.fromEntries(clean));
  const [row] = (await jsonPatchVariables(db, { patch: patchJson, tenantId, conversationId })).rows;
  return row ? parseVariables(row.variables) : undefined;
}
