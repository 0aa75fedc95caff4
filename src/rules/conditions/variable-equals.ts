import { z } from 'zod';
import { type CompiledCondition, quote } from './condition.ts';
import { variableNameSchema } from './variable-name.ts';

export const variableEqualsSchema = z.object({
  type: z.literal('VARIABLE_EQUALS'),
  name: variableNameSchema,
  // Session variables are strings; a number or boolean here means its text ("42", "true").
  value: z.union([z.string().max(1000), z.number(), z.boolean()]).transform(String),
});
export type VariableEquals = z.output<typeof variableEqualsSchema>;

export function compileVariableEquals(condition: VariableEquals): CompiledCondition {
  return (facts) => {
    const actual = Object.hasOwn(facts.variables, condition.name)
      ? facts.variables[condition.name]
      : undefined;
    const matched = actual === condition.value;
    const seen = actual === undefined ? 'is not set' : `is ${quote(actual)}`;
    return {
      matched,
      reason: `VARIABLE_EQUALS ${condition.name} = ${quote(condition.value)}: ${condition.name} ${seen}`,
    };
  };
}
