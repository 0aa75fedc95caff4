import { z } from 'zod';
import { conversationStatusValues } from '../conditions/conversation-status.ts';
import { type ActionContext, type ActionResult, proceed } from './action.ts';

export const setStatusSchema = z.object({
  type: z.literal('SET_STATUS'),
  status: z.enum(conversationStatusValues),
});
export type SetStatus = z.output<typeof setStatusSchema>;

export async function runSetStatus(
  action: SetStatus,
  { turn, rule, effects }: ActionContext,
): Promise<ActionResult> {
  await effects.setStatus(action.status);
  turn.status = action.status;
  return proceed([{ ruleId: rule.id, type: 'SET_STATUS', status: action.status }]);
}
