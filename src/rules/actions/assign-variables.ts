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
 * Writes a mapping patch (see mappingPatch) into the turn and the session: values set, nulls
 * removed. Returns what was set and what was removed.
 */
export async function applyMapping(
  turn: RuleTurn,
  effects: ActionEffects,
  patch: Record<string, string | null>,
): Promise<{ mapped: Record<string, string>; cleared: string[] }> {
  const mapped: Record<string, string> = {};
  const cleared: string[] = [];
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) {
      delete turn.variables[name];
      cleared.push(name);
    } else {
      turn.variables[name] = value;
      mapped[name] = value;
    }
  }
  if (Object.keys(mapped).length > 0) await effects.saveVariables(mapped);
  if (cleared.length > 0)
    await effects.saveVariables(Object.fromEntries(cleared.map((name) => [name, null])));
  return { mapped, cleared };
}
