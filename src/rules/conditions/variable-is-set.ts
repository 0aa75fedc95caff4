import { z } from 'zod';
import type { CompiledCondition } from './condition.ts';
import { isVariableSet, variableNameSchema } from './variable-name.ts';

/** Set means present and not empty: a mapping that found nothing stores "" and should not count. */
export const variableIsSetSchema = z.object({ type: z.literal('VARIABLE_IS_SET'), name: variableNameSchema });
export type VariableIsSet = z.output<typeof variableIsSetSchema>;

export function compileVariableIsSet(condition: VariableIsSet): CompiledCondition {
  return (facts) => {
    const matched = isVariableSet(facts.variables, condition.name);
    return { matched, reason: `VARIABLE_IS_SET ${condition.name}: ${matched ? 'set' : 'not set'}` };
  };
}
