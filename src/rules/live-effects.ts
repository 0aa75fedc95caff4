import { outgoingTranslation } from '../ai/translation/outgoing-translation.ts';
import { flushCallLogs } from '../connections/connections-runtime.ts';
import type { AppContext } from '../context.ts';
import type { CompletionWrite } from '../conversations/pipeline/complete-job.ts';
import type { ProcessorTools } from '../conversations/pipeline/message-processor.ts';
import { updateConversation } from '../conversations/update-conversation.ts';
import { setVariables, type VariablePatch } from '../conversations/variables.ts';
import type { Db } from '../db/database.ts';
import type { ActionEffects, RuleTurn } from './actions/action.ts';
import { callEndpoint, describeEndpoint } from './endpoint-calls.ts';
import { findOperator, leastBusyOperator } from './pick-operator.ts';
import { fallbackReplyFor } from './rules-settings.ts';

export interface LiveEffectsOptions {
  ctx: AppContext;
  turn: RuleTurn & { conversationId: string };
  tools: ProcessorTools;
  /** Called before the first change to the conversation (variables, status, assignment), with the change's transaction when it has one. */
  beforeFirstChange(db?: Db): Promise<void>;
  /** The widget translates: the assistant's replies reach the visitor in their language (SPEC §8). */
  translate?: boolean;
}

/** The live effects, plus the variables still to be written when the run ends. */
export interface LiveEffects extends ActionEffects {
  /**
   * Writes the variables set since the last reply, undefined when none. With the checkpoint when
   * they are the run's first change, unless `atCompletion` (committed with the job's end, a retry
   * never sees them without the finished run's log).
   */
  pendingWrite(options?: { atCompletion?: boolean }): CompletionWrite | undefined;
}

/**
 * Effects that act on the conversation: replies through the queue's idempotent `reply` (role
 * "ai", isAutoReply), variables merged into the session, status and assignment through the
 * conversations feature (which emits `conversation.updated`). Variables are written with the
 * next reply (or status change, or the job's completion) instead of in a transaction of their
 * own: the run's replies interpolate from memory, and a variable write with the reply that
 * follows it halves the commits of the common CALL_API → REPLY_TEXT rule.
 */
export function createLiveEffects({
  ctx,
  turn,
  tools,
  beforeFirstChange,
  translate = false,
}: LiveEffectsOptions): LiveEffects {
  const { tenantId, conversationId } = turn;
  let changed = false;
  let pending: VariablePatch | undefined;
  const change = async () => {
    if (changed) return;
    changed = true;
    await beforeFirstChange();
  };
  /** The write of the pending variables; re-runnable (a deduplicated reply runs it again on its own). */
  const pendingWrite = (options: { atCompletion?: boolean } = {}): CompletionWrite | undefined => {
    const patch = pending;
    if (!patch) return undefined;
    const first = !changed && !options.atCompletion;
    return async (trx) => {
      // The first change commits with its checkpoint: never one without the other.
      if (first) await beforeFirstChange(trx);
      await setVariables(trx, tenantId, conversationId, patch);
    };
  };
  const replyWith = async (text: string, role: 'ai' | 'system') => {
    // A REPLY_TEXT is written in the tenant's language; like an operator's message it is translated
    // for the visitor (content stays as written, translatedContent is what the visitor reads).
    const languages =
      translate && role === 'ai'
        ? await outgoingTranslation(ctx, { tenantId, conversationId, content: text })
        : {};
    const alongside = pendingWrite();
    // The calls this reply reports on are logged first: a crash never leaves a fallback reply
    // without the call-log entry (and `call.failed` event) that explains it.
    await flushCallLogs(ctx);
    await tools.reply(text, { role, isAutoReply: true, alongside, ...languages });
    if (alongside) {
      pending = undefined;
      changed = true;
    }
  };
  const flush = async () => {
    if (!pending) return;
    const patch = pending;
    if (changed) await tools.setVariables(patch);
    else await tools.setVariables(patch, { alongside: (trx) => beforeFirstChange(trx) });
    pending = undefined;
    changed = true;
  };
  return {
    ctx,
    live: true,
    pendingWrite,
    reply: (text) => replyWith(text, 'ai'),
    note: (text) => replyWith(text, 'system'),
    async saveVariables(values) {
      pending = { ...pending, ...values };
    },
    callEndpoint: (endpointId, variables) =>
      callEndpoint(ctx, { tenantId, endpointId, variables, conversationId, send: true, source: 'rule' }),
    describeEndpoint: (endpointId) => describeEndpoint(ctx, tenantId, endpointId),
    async assignOperator(operatorId) {
      await flush();
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
      await flush();
      await change();
      await updateConversation(ctx, tenantId, conversationId, { status });
    },
    fallbackReply: (detailsMessage) => fallbackReplyFor(ctx.db, tenantId, detailsMessage),
  };
}
