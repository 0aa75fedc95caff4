import { isWritableVariable } from '../../conversations/variables.ts';
import type { ActionEffects, RuleTurn } from './action.ts';

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
