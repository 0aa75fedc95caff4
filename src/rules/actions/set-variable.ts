import { z } from 'zod';
import { isWritableVariable, RESERVED_VARIABLE_MESSAGE } from '../../conversations/variables.ts';
import { variableNameSchema } from '../conditions/variable-name.ts';
import { type ActionContext, type ActionResult, proceed } from './action.ts';
import { assignVariables } from './assign-variables.ts';
import { interpolate } from './interpolate.ts';

export const setVariableSchema = z.object({
  type: z.literal('SET_VARIABLE'),
  name: variableNameSchema.refine(isWritableVariable, RESERVED_VARIABLE_MESSAGE),
  /** May hold `{placeholders}`: `{match.1}` keeps what the visitor typed for a later step. */
  value: z.union([z.string().max(4000), z.number(), z.boolean()]).transform(String),
});
export type SetVariable = z.output<typeof setVariableSchema>;

export async function runSetVariable(
  action: SetVariable,
  { turn, rule, effects }: ActionContext,
): Promise<ActionResult> {
  const { text: value, unknown } = interpolate(action.value, turn, rule);
  await assignVariables(turn, effects, { [action.name]: value });
  return proceed(
    [
      {
        ruleId: rule.id,
        type: 'SET_VARIABLE',
        name: action.name,
        value,
        ...(unknown.length ? { unknownVariables: unknown } : {}),
      },
    ],
    unknown,
  );
}
