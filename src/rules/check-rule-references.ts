import type { Db } from '../db/database.ts';
import type { ErrorDetail } from '../errors.ts';
import { walkActions } from './actions/action.schema.ts';
import type { RuleBody } from './rule.schema.ts';

/** Which parts of a rule a write sets, and so which references it checks (default: all). */
export interface ReferencesToCheck {
  actions: boolean;
  widget: boolean;
}

/**
 * The checks a schema cannot make: every endpoint, operator and widget a rule names must be
 * the tenant's own. Another tenant's id reads exactly like a missing one (no existence oracle).
 * A PATCH checks only the parts it sets: an endpoint, operator or widget deleted after the
 * rule was saved must not stop the admin from disabling or renaming the rule.
 */
export async function checkRuleReferences(
  db: Db,
  tenantId: string,
  rule: RuleBody,
  check: ReferencesToCheck = { actions: true, widget: true },
): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  const endpointIds = new Set<string>();
  const operatorIds = new Set<string>();
  for (const { action } of check.actions ? walkActions(rule.actions) : []) {
    if (action.type === 'CALL_API') endpointIds.add(action.endpointId);
    if (action.type === 'ASSIGN_TO_OPERATOR' && action.operatorId) operatorIds.add(action.operatorId);
  }
  if (endpointIds.size > 0) {
    const found = await db
      .selectFrom('endpoints')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...endpointIds])
      .execute();
    const known = new Set(found.map((row) => row.id));
    for (const id of endpointIds) {
      if (!known.has(id)) details.push({ path: 'actions', message: `CALL_API: endpoint ${id} not found` });
    }
  }
  if (operatorIds.size > 0) {
    const found = await db
      .selectFrom('operators')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...operatorIds])
      .execute();
    const known = new Set(found.map((row) => row.id));
    for (const id of operatorIds) {
      if (!known.has(id))
        details.push({ path: 'actions', message: `ASSIGN_TO_OPERATOR: operator ${id} not found` });
    }
  }
  if (check.widget && rule.widgetId) {
    const widget = await db
      .selectFrom('widgets')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', rule.widgetId)
      .executeTakeFirst();
    if (!widget) details.push({ path: 'widgetId', message: `Widget ${rule.widgetId} not found` });
  }
  return details;
}
