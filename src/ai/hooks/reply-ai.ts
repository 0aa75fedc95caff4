import type { AppContext } from '../../context.ts';
import { templateVariables } from '../../rules/actions/template-variables.ts';
import type { AiTurnContext } from '../../rules/ai-hooks.ts';
import { aiRuntime } from '../ai-runtime.ts';
import { creditBalance } from '../credits/ai-usage.ts';
import { chargeEmbeddedReply, chargeLlm } from '../credits/charge-ai.ts';
import { OUT_OF_CREDITS } from '../credits/out-of-credits.ts';
import { writeEmbeddedReply } from '../embedded/embedded-reply.ts';
import { asLlmConfig } from '../llm/llm-config.ts';
import { LlmAnswerError, reportLlmFailure } from '../llm/llm-failure.ts';
import { llmReply } from '../llm/llm-reply.ts';
import { loadAiConfig } from '../settings/ai-settings.ts';
import { visibleVariablesFor } from '../tenant-secrets.ts';
import type { AiReplyOutcome } from './ai-reply-outcome.ts';

const INSTEAD = 'the embedded reply was given instead';

/**
 * replyAi: an LLM writes from the conversation, the instructions and the session variables; the
 * embedded provider fills the instructions as a template or lists the mapped variables. If the
 * LLM fails, the mapped variables are listed instead (only session variables, never the
 * instructions, which were written for the model), and the
 * failure is logged and returned as `error` for the rule log. Neither sees credentials.
 * At zero credits: no reply, and why in the rule log.
 */
export async function replyAi(
  ctx: AppContext,
  turn: AiTurnContext,
  action: { instructions?: string; endpointDescription?: string; mappedVariables: string[] },
): Promise<AiReplyOutcome> {
  if ((await creditBalance(ctx.db, turn.tenantId)) <= 0) {
    return { text: null, error: OUT_OF_CREDITS };
  }
  const config = await loadAiConfig(ctx, turn.tenantId);
  const llm = asLlmConfig(config);
  const visibleTurn = { ...turn, variables: await visibleVariablesFor(ctx, turn.tenantId, turn.variables) };
  let error: string | undefined;
  let llmCredits: number | undefined;
  if (llm) {
    let written: Awaited<ReturnType<typeof llmReply>> | undefined;
    try {
      written = await llmReply(await aiRuntime(ctx).languageModel(llm, turn), visibleTurn, action);
    } catch (failure) {
      error = reportLlmFailure(ctx, turn, llm, 'reply', failure, INSTEAD);
    }
    if (written) {
      llmCredits = await chargeLlm(ctx, turn, config, 'reply', written.usage);
      if (written.text) return { text: written.text, credits: llmCredits };
      const empty = new LlmAnswerError('the model wrote no reply');
      error = reportLlmFailure(ctx, turn, llm, 'reply', empty, INSTEAD);
    }
  }
  // A template may say {language} like any REPLY_TEXT. With a model configured, the instructions
  // were written for the model ("be brief; offer the code SAVE10 only if they complain") and are
  // never shown to the visitor: the fallback lists the mapped variables instead.
  const reply = writeEmbeddedReply(
    templateVariables(visibleTurn),
    llm ? { mappedVariables: action.mappedVariables } : action,
  );
  // A model that answered (with no text) was paid for: the sentence in its place is not charged again.
  const credits = llmCredits ?? (await chargeEmbeddedReply(ctx, turn, 'reply'));
  // Why the owner's template was not used belongs in the rule log next to any model failure.
  const logged = [error, reply.templateSkipped].filter(Boolean).join('; ');
  return logged ? { text: reply.text, credits, error: logged } : { text: reply.text, credits };
}
