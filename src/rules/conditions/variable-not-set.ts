import { z } from 'zod';
import type { CompiledCondition } from './condition.ts';
import { isVariableSet, variableNameSchema } from './variable-name.ts';

export const variableNotSetSchema = z.object({
  type: z.literal('VARIABLE_NOT_SET'),
  name: variableNameSchema,
});
export type VariableNotSet = z.output<typeof variableNotSetSchema>;

export function compileVariableNotSet(condition: VariableNotSet): CompiledCondition {
  return (facts) => {
    const matched = !isVariableSet(facts.variables, condition.name);
    return { matched, reason: `VARIABLE_NOT_SET ${condition.name}: ${matched ? 'not set' : 'set'}` };
  };
}
