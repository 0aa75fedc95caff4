import type { AppContext } from '../context.ts';
import type { ProcessorTools } from '../conversations/pipeline/message-processor.ts';
import { updateConversation } from '../conversations/update-conversation.ts';
import type { Db } from '../db/database.ts';
import type { ActionEffects, RuleTurn } from './actions/action.ts';
import { callEndpoint, describeEndpoint } from './endpoint-calls.ts';
import { findOperator, leastBusyOperator } from './pick-operator.ts';
import { getRulesSettings } from './rules-settings.ts';

export interface LiveEffectsOptions {
  ctx: AppContext;
  turn: RuleTurn & { conversationId: string };
  tools: ProcessorTools;
  /** Called before the first change to the conversation (variables, status, assignment), with the change's transaction when it has one. */
  beforeFirstChange(db?: Db): Promise<void>;
}

/**
 * Effects that act on the conversation: replies through the queue's idempotent `reply` (role
 * "ai", isAutoReply), variables merged into the session, status and assignment through the
 * conversations feature (which emits `conversation.updated`).
 */
export function createLiveEffects({
  ctx,
  turn,
  tools,
  beforeFirstChange,
}: LiveEffectsOptions): ActionEffects {
  const { tenantId, conversationId } = turn;
  let fallback: string | undefined;
  let changed = false;
  const change = async () => {
    if (changed) return;
    changed = true;
    await beforeFirstChange();
  };
  return {
    ctx,
    live: true,
    async reply(text) {
      await tools.reply(text, { role: 'ai', isAutoReply: true });
    },
    async note(text) {
      await tools.reply(text, { role: 'system', isAutoReply: true });
    },
    async saveVariables(values) {
      if (changed) {
        await tools.setVariables(values);
        return;
      }
      // The first change commits with its checkpoint: one transaction, and never one without the other.
      await tools.setVariables(values, { alongside: (trx) => beforeFirstChange(trx) });
      changed = true;
    },
    callEndpoint: (endpointId, variables) =>
      callEndpoint(ctx, { tenantId, endpointId, variables, conversationId, send: true }),
    describeEndpoint: (endpointId) => describeEndpoint(ctx, tenantId, endpointId),
    async assignOperator(operatorId) {
      await change();
      const chosen = operatorId
        ? await findOperator(ctx.db, tenantId, operatorId)
        : await leastBusyOperator(ctx.db, tenantId);
      // Without an operator the conversation still waits for a human: pending, unassigned.
      const result = await updateConversation(ctx, tenantId, conversationId, {
        status: 'pending',
        ...(chosen ? { assignedTo: chosen } : {}),
      });
      if (!result.ok) return { operatorId: null, error: `Could not assign: ${result.error}` };
      if (!chosen)
        return {
          operatorId: null,
          error: operatorId ? `Operator ${operatorId} not found` : 'No operator is available',
        };
      return { operatorId: chosen };
    },
    async setStatus(status) {
      await change();
      await updateConversation(ctx, tenantId, conversationId, { status });
    },
    async fallbackReply() {
      fallback ??= (await getRulesSettings(ctx.db, tenantId)).fallbackReply;
      return fallback;
    },
  };
}
