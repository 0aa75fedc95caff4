import type { AppContext } from '../context.ts';
import type { ActionEffects } from './actions/action.ts';
import { callEndpoint, describeEndpoint } from './endpoint-calls.ts';
import { findOperator, leastBusyOperator } from './pick-operator.ts';
import { fallbackReplyFor } from './rules-settings.ts';

/**
 * Effects for POST /rules/test: nothing is stored and no conversation exists. Replies, variables,
 * status and assignments only appear in the returned action list (the operator an assignment
 * would pick is looked up, not assigned). CALL_API renders its request without sending unless
 * `execute` is true; only then does REPLY_AI ask the AI too.
 */
export function createDryRunEffects(ctx: AppContext, tenantId: string, execute: boolean): ActionEffects {
  return {
    ctx,
    live: execute,
    reply: async () => {},
    note: async () => {},
    saveVariables: async () => {},
    callEndpoint: (endpointId, variables) =>
      callEndpoint(ctx, {
        tenantId,
        endpointId,
        variables,
        conversationId: null,
        send: execute,
        source: 'test',
      }),
    describeEndpoint: (endpointId) => describeEndpoint(ctx, tenantId, endpointId),
    async assignOperator(operatorId) {
      const chosen = operatorId
        ? await findOperator(ctx.db, tenantId, operatorId)
        : await leastBusyOperator(ctx.db, tenantId);
      return chosen ? { operatorId: chosen } : { operatorId: null, error: 'No operator is available' };
    },
    setStatus: async () => {},
    fallbackReply: (detailsMessage) => fallbackReplyFor(ctx.db, tenantId, detailsMessage),
  };
}
