import type { Action, Rule } from './rule-types.ts';

function callsAny(actions: readonly Action[], endpointIds: ReadonlySet<string>): boolean {
  return actions.some(
    (action) =>
      action.type === 'CALL_API' &&
      ((action.endpointId !== undefined && endpointIds.has(action.endpointId)) ||
        (action.branches ?? []).some((branch) => callsAny(branch.actions, endpointIds))),
  );
}

/**
 * The enabled rules with a CALL_API (branches included) to one of `endpointIds`: the server turns
 * them off when those endpoints are deleted (disableRulesCallingEndpoints), so the confirmation
 * names them first.
 */
export function rulesCalling(rules: readonly Rule[], endpointIds: readonly string[]): Rule[] {
  const ids = new Set(endpointIds);
  return rules.filter((rule) => rule.enabled && callsAny(rule.actions, ids));
}

/** The sentence a delete confirmation shows; null when no rule is affected. */
export function turnedOffWarning(rules: readonly Rule[]): string | null {
  if (rules.length === 0) return null;
  const names = rules.map((r) => `“${r.name}”`).join(', ');
  return rules.length === 1
    ? `This rule will be turned off: ${names}.`
    : `These rules will be turned off: ${names}.`;
}
