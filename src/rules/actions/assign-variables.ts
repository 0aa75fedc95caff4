import {
  isReservedVisitorVariable,
  withoutReservedVariables,
} from '../../visitor-identity/visitor-identity.ts';
import type { ActionEffects, RuleTurn } from './action.ts';

export const RESERVED_VARIABLE_MESSAGE = 'visitor.* variables are set only by identity verification';

export const isWritableVariable = (name: string): boolean => !isReservedVisitorVariable(name);

/**
 * Writes variables into the turn (seen by later actions and rules) and the session. `visitor.*`
 * names are dropped here as well as in storage: otherwise a mapping could forge
 * `visitor.verified` for the rest of the turn.
 */
export async function assignVariables(
  turn: RuleTurn,
  effects: ActionEffects,
  values: Record<string, string>,
): Promise<Record<string, string>> {
  const allowed = withoutReservedVariables(values);
  if (Object.keys(allowed).length === 0) return allowed;
  Object.assign(turn.variables, allowed);
  await effects.saveVariables(allowed);
  return allowed;
}
