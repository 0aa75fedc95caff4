import type { AppContext } from '../context.ts';
import type { ErrorDetail } from '../errors.ts';
import type { Action } from './actions/action.schema.ts';
import { slotFields } from './actions/fill-endpoint-slots.ts';
import { describeEndpoint } from './endpoint-calls.ts';
import type { RuleBody } from './rule.schema.ts';

type EndpointInputs = { name: string; needs: string[]; maps: string[] };

/**
 * Save-time warnings of a static rule: a CALL_API input that neither the action's params nor an
 * earlier action of the rule (SET_VARIABLE, an earlier call's mapping) supplies. A static rule
 * never asks the visitor, so such a call runs only when the conversation already holds the
 * variable (from another rule, the visitor's identity, an earlier message) and otherwise fails
 * with "Missing required variables". The dashboard's rule editor gives the same hint
 * (web/src/features/rules/rule-variables.ts). AI rules ask for what is missing: no warning.
 */
export async function unsuppliedInputWarnings(
  ctx: AppContext,
  tenantId: string,
  rule: RuleBody,
): Promise<ErrorDetail[]> {
  if (rule.type !== 'static') return [];
  const endpoints = new Map<string, EndpointInputs | undefined>();
  const warnings: ErrorDetail[] = [];

  async function walk(actions: readonly Action[], path: string, available: Set<string>): Promise<void> {
    for (const [i, action] of actions.entries()) {
      if (action.type === 'SET_VARIABLE') available.add(action.name);
      if (action.type !== 'CALL_API') continue;
      if (!endpoints.has(action.endpointId))
        endpoints.set(action.endpointId, await endpointInputs(ctx, tenantId, action.endpointId));
      const endpoint = endpoints.get(action.endpointId);
      if (!endpoint) continue;
      const given = Object.entries(action.params ?? {})
        .filter(([, value]) => value.trim() !== '')
        .map(([name]) => name);
      const unsupplied = endpoint.needs.filter((name) => !given.includes(name) && !available.has(name));
      if (unsupplied.length > 0) {
        const list = unsupplied.join(', ');
        warnings.push({
          path: `body.${path}.${i}.params`,
          message: `"${endpoint.name}" needs ${list}, which neither params nor an earlier action of this rule supplies: a static rule does not ask the visitor, so the call fails unless the conversation already has ${unsupplied.length === 1 ? 'it' : 'them'}. Give ${list} in params (e.g. "{match.1}"), set ${unsupplied.length === 1 ? 'it' : 'them'} in an earlier rule, or use an AI rule, which asks.`,
        });
      }
      for (const name of endpoint.maps) available.add(name);
      for (const [j, branch] of action.branches.entries()) {
        await walk(branch.actions, `${path}.${i}.branches.${j}.actions`, new Set(available));
      }
    }
  }

  await walk(rule.actions, 'actions', new Set());
  return warnings;
}

/** Its required fields, path variables that are not declared fields among them (slotFields). */
async function endpointInputs(
  ctx: AppContext,
  tenantId: string,
  endpointId: string,
): Promise<EndpointInputs | undefined> {
  const endpoint = await describeEndpoint(ctx, tenantId, endpointId);
  if (!endpoint) return undefined;
  return {
    name: endpoint.name,
    needs: slotFields(endpoint, [])
      .filter((field) => field.required)
      .map((field) => field.name),
    maps: endpoint.mappedVariables,
  };
}
