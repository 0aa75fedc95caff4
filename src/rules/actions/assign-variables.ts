import {
  isReservedVisitorVariable,
  VISITOR_VARIABLE_PREFIX,
} from '../../visitor-identity/visitor-identity.ts';
import type { ActionEffects, RuleTurn } from './action.ts';
import { PENDING_RULE_VARIABLE } from './pending-rule.ts';

export const RESERVED_VARIABLE_MESSAGE = `${VISITOR_VARIABLE_PREFIX}* variables are set only by identity verification and ${PENDING_RULE_VARIABLE} only by the assistant: choose another name`;

/**
 * False for names no rule, mapping or AI may write: `visitor.*` (a mapping could otherwise forge
 * `visitor.verified` for the rest of the turn) and the engine's own `_pendingRule` (a SET_VARIABLE
 * or mapping of that name would send the next message into a rule that never asked anything).
 */
export const isWritableVariable = (name: string): boolean =>
  !isReservedVisitorVariable(name) && name !== PENDING_RULE_VARIABLE;

/**
 * Writes variables into the turn (seen by later actions and rules) and the session; names that are
 * not writable are dropped here as well as in storage.
 */
export async function assignVariables(
  turn: RuleTurn,
  effects: ActionEffects,
  values: Record<string, string>,
): Promise<Record<string, string>> {
  const allowed = Object.fromEntries(Object.entries(values).filter(([name]) => isWritableVariable(name)));
  if (Object.keys(allowed).length === 0) return allowed;
  Object.assign(turn.variables, allowed);
  await effects.saveVariables(allowed);
  return allowed;
}

/**
 * Removes the named variables from the turn and the session; returns the ones that were set.
 * A lookup that did not produce a value must not leave the previous lookup's value behind.
 */
export async function clearVariables(
  turn: RuleTurn,
  effects: ActionEffects,
  names: readonly string[],
): Promise<string[]> {
  const cleared = [...new Set(names)].filter(
    (name) => isWritableVariable(name) && Object.hasOwn(turn.variables, name),
  );
  if (cleared.length === 0) return cleared;
  for (const name of cleared) delete turn.variables[name];
  await effects.saveVariables(Object.fromEntries(cleared.map((name) => [name, null])));
  return cleared;
}
