import { z } from 'zod';
import { lowerCaseUuid } from '../../db/ids.ts';
import { type ActionContext, type ActionResult, proceed } from './action.ts';

export const assignToOperatorSchema = z.object({
  type: z.literal('ASSIGN_TO_OPERATOR'),
  /** null or absent: the least-busy available operator (fewest open or pending conversations). */
  operatorId: z.uuid().overwrite(lowerCaseUuid).nullable().default(null),
});
export type AssignToOperator = z.output<typeof assignToOperatorSchema>;

export async function runAssignToOperator(
  action: AssignToOperator,
  { turn, rule, effects }: ActionContext,
): Promise<ActionResult> {
  const outcome = await effects.assignOperator(action.operatorId);
  if (outcome.operatorId) turn.status = 'pending';
  return proceed([
    {
      ruleId: rule.id,
      type: 'ASSIGN_TO_OPERATOR',
      operatorId: outcome.operatorId,
      ...(outcome.error ? { error: outcome.error } : {}),
    },
  ]);
}
