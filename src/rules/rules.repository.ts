import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { nowIso } from '../db/time.ts';
import type { ErrorDetail } from '../errors.ts';
import { walkActions } from './actions/action.schema.ts';
import { checkRuleReferences } from './check-rule-references.ts';
import { compareRules } from './compile-rule.ts';
import { type Rule, type RuleBody, type RulePatch, ruleInputSchema } from './rule.schema.ts';
import { ruleFromRow, toRuleDocument } from './rule-document.ts';
import { bumpRuleRevision } from './rule-revision.ts';

export type RuleWriteResult =
  | { ok: true; rule: Rule }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; details: ErrorDetail[] };

export interface RuleListQuery {
  limit: number;
  offset: number;
  widgetId?: string;
  type?: 'static' | 'ai';
}

/** A tenant's rules in evaluation order (priority, then oldest first). */
export async function listRules(
  db: Db,
  tenantId: string,
  query: RuleListQuery,
): Promise<{ rules: Rule[]; total: number }> {
  let base = db.selectFrom('rules').where('tenant_id', '=', tenantId);
  if (query.widgetId) base = base.where('widget_id', '=', query.widgetId);
  if (query.type) base = base.where('type', '=', query.type);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('priority')
      .orderBy('created_at')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rules: rows.map(ruleFromRow), total: Number(count.n) };
}

export async function getRule(db: Db, tenantId: string, id: string): Promise<Rule | undefined> {
  const row = await db
    .selectFrom('rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && ruleFromRow(row);
}

export async function createRule(db: Db, tenantId: string, input: RuleBody): Promise<RuleWriteResult> {
  const details = await checkRuleReferences(db, tenantId, input);
  if (details.length > 0) return { ok: false, reason: 'invalid', details };
  const now = nowIso();
  const row = {
    id: newId(),
    tenant_id: tenantId,
    widget_id: input.widgetId,
    name: input.name,
    type: input.type,
    enabled: input.enabled ? 1 : 0,
    priority: input.priority,
    config: JSON.stringify(toRuleDocument(input)),
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('rules').values(row).execute();
    await bumpRuleRevision(trx, tenantId);
  });
  return { ok: true, rule: ruleFromRow(row) };
}

/** Merges the patch into the stored rule and validates the result as a whole, as POST would. */
export async function updateRule(
  db: Db,
  tenantId: string,
  id: string,
  patch: RulePatch,
): Promise<RuleWriteResult> {
  const current = await getRule(db, tenantId, id);
  if (!current) return { ok: false, reason: 'not_found' };
  const { id: _id, createdAt, updatedAt: _updatedAt, ...body } = current;
  const parsed = ruleInputSchema.safeParse({ ...body, ...definedKeys(patch) });
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid',
      details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    };
  }
  const next = parsed.data;
  // Turning a rule on checks everything it names: one disabled because its endpoint was deleted
  // must be pointed elsewhere first, not switched back on to fail every time it matches.
  const enabling = patch.enabled === true && !current.enabled;
  const details = await checkRuleReferences(db, tenantId, next, {
    actions: patch.actions !== undefined || enabling,
    widget: patch.widgetId !== undefined || enabling,
  });
  if (details.length > 0) return { ok: false, reason: 'invalid', details };
  // Strictly later than the stored version, so compiled-rule caches keyed on it always see the change.
  const updatedAt = laterThan(current.updatedAt);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('rules')
      .set({
        widget_id: next.widgetId,
        name: next.name,
        type: next.type,
        enabled: next.enabled ? 1 : 0,
        priority: next.priority,
        config: JSON.stringify(toRuleDocument(next)),
        updated_at: updatedAt,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await bumpRuleRevision(trx, tenantId);
  });
  return { ok: true, rule: { id, ...next, createdAt, updatedAt } };
}

export async function deleteRule(db: Db, tenantId: string, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom('rules')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await bumpRuleRevision(trx, tenantId);
    return true;
  });
}

/** A rule another change touched (disabled with its endpoint, reassigned with its operator), for logs. */
export interface RuleRef {
  id: string;
  name: string;
}

/**
 * Disables the tenant's enabled rules with a CALL_API (branches included) to one of
 * `endpointIds`; call it inside the transaction that deletes those endpoints. Such a rule
 * could only ever answer with the fallback reply; disabled, it is visible as such and the
 * admin can point it at another endpoint and enable it again.
 */
export async function disableRulesCallingEndpoints(
  trx: Db,
  tenantId: string,
  endpointIds: readonly string[],
): Promise<RuleRef[]> {
  if (endpointIds.length === 0) return [];
  const gone = new Set(endpointIds);
  const rows = await trx
    .selectFrom('rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', 1)
    .execute();
  const calling = rows.filter((row) =>
    [...walkActions(ruleFromRow(row).actions)].some(
      ({ action }) => action.type === 'CALL_API' && gone.has(action.endpointId),
    ),
  );
  for (const row of calling) {
    await trx
      .updateTable('rules')
      .set({ enabled: 0, updated_at: laterThan(row.updated_at) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .execute();
  }
  if (calling.length > 0) await bumpRuleRevision(trx, tenantId);
  return calling.map((row) => ({ id: row.id, name: row.name }));
}

/** Every rule of the tenant, sorted for evaluation (enabled or not; callers filter). */
export async function loadTenantRules(db: Db, tenantId: string): Promise<Rule[]> {
  const rows = await db.selectFrom('rules').selectAll().where('tenant_id', '=', tenantId).execute();
  return rows.map(ruleFromRow).sort(compareRules);
}

function definedKeys<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function laterThan(previous: string): string {
  const now = nowIso();
  if (now > previous) return now;
  return new Date(new Date(previous).getTime() + 1).toISOString().replace('Z', '+00:00');
}

/**
 * Points the tenant's ASSIGN_TO_OPERATOR actions (branches included) that name `operatorId` at
 * "any available operator" instead; call it inside the transaction that deletes that operator, so
 * the chats those rules hand over still reach a person. Returns the rules changed.
 */
export async function reassignRulesOfOperator(
  trx: Db,
  tenantId: string,
  operatorId: string,
): Promise<RuleRef[]> {
  const rows = await trx.selectFrom('rules').selectAll().where('tenant_id', '=', tenantId).execute();
  const changed: RuleRef[] = [];
  for (const row of rows) {
    const rule = ruleFromRow(row);
    let touched = false;
    for (const { action } of walkActions(rule.actions)) {
      if (action.type === 'ASSIGN_TO_OPERATOR' && action.operatorId === operatorId) {
        action.operatorId = null;
        touched = true;
      }
    }
    if (!touched) continue;
    await trx
      .updateTable('rules')
      .set({ config: JSON.stringify(toRuleDocument(rule)), updated_at: laterThan(row.updated_at) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .execute();
    changed.push({ id: row.id, name: row.name });
  }
  if (changed.length > 0) await bumpRuleRevision(trx, tenantId);
  return changed;
}
