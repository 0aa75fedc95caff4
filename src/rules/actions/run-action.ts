import { assertNever } from '../../errors.ts';
import type { Action } from './action.schema.ts';
import type { ActionContext, ActionResult } from './action.ts';
import { runAssignToOperator } from './assign-to-operator.ts';
import { type CallMemory, runCallApi } from './call-api.ts';
import { runReplyAi } from './reply-ai.ts';
import { runReplyText } from './reply-text.ts';
import { runSetStatus } from './set-status.ts';
import { runSetVariable } from './set-variable.ts';

/** The one dispatcher from an action to its runner. */
export function runAction(action: Action, context: ActionContext, memory: CallMemory): Promise<ActionResult> {
  switch (action.type) {
    case 'CALL_API':
      return runCallApi(action, context, memory);
    case 'REPLY_TEXT':
      return runReplyText(action, context);
    case 'REPLY_AI':
      return runReplyAi(action, context, memory);
    case 'SET_VARIABLE':
      return runSetVariable(action, context);
    case 'ASSIGN_TO_OPERATOR':
      return runAssignToOperator(action, context);
    case 'SET_STATUS':
      return runSetStatus(action, context);
    default:
      return assertNever(action);
  }
}
