import type { AppContext } from '../../context.ts';
import { templateVariables } from '../../rules/actions/template-variables.ts';
import type { AiReplyResult, AiTurnContext } from '../../rules/ai-hooks.ts';
import { aiRuntime } from '../ai-runtime.ts';
import { creditBalance } from '../credits/ai-usage.ts';
import { chargeEmbeddedReply, chargeLlm } from '../credits/charge-ai.ts';
import { noteOutOfCredits } from '../credits/out-of-credits-note.ts';
import { embeddedReply } from '../embedded/embedded-reply.ts';
import { asLlmConfig } from '../llm/llm-config.ts';
import { llmReply } from '../llm/llm-reply.ts';
import { loadAiConfig } from '../settings/ai-settings.ts';

/**
 * replyAi: an LLM writes from the conversation, the instructions and the session variables; the
 * embedded provider fills the instructions as a template or lists the mapped variables. If the
 * LLM fails, the embedded reply is given instead (it too only shows session variables).
 * At zero credits: no reply, and a note for operators.
 */
export async function replyAi(
  ctx: AppContext,
  turn: AiTurnContext,
  action: { instructions?: string; endpointDescription?: string; mappedVariables: string[] },
): Promise<AiReplyResult> {
  if ((await creditBalance(ctx.db, turn.tenantId)) <= 0) {
    await noteOutOfCredits(ctx, turn.tenantId, turn.conversationId);
    return { text: null };
  }
  const config = await loadAiConfig(ctx, turn.tenantId);
  const llm = asLlmConfig(config);
  if (llm) {
    try {
      const { text, usage } = await llmReply(await aiRuntime(ctx).languageModel(llm), turn, action);
      const credits = await chargeLlm(ctx, turn, config, 'reply', usage);
      if (text) return { text, credits };
    } catch {
      // Falls through to the embedded reply: the visitor still gets the looked-up data.
    }
  }
  // A template may say {language} like any REPLY_TEXT.
  const text = embeddedReply(templateVariables(turn), action);
  return { text, credits: await chargeEmbeddedReply(ctx, turn, 'reply') };
}
