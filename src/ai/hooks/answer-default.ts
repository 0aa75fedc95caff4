import { loadTenantEndpoints } from '../../connections/endpoints.repository.ts';
import type { AppContext } from '../../context.ts';
import { updateConversation } from '../../conversations/update-conversation.ts';
import type { AiReplyResult, AiTurnContext } from '../../rules/ai-hooks.ts';
import { loadActiveRules } from '../../rules/load-active-rules.ts';
import { leastBusyOperator } from '../../rules/pick-operator.ts';
import { aiRuntime } from '../ai-runtime.ts';
import { creditBalance } from '../credits/ai-usage.ts';
import { chargeEmbeddedReply, chargeLlm } from '../credits/charge-ai.ts';
import { noteOutOfCredits } from '../credits/out-of-credits-note.ts';
import { embeddedDefaultAnswer } from '../embedded/embedded-default-answer.ts';
import { endpointTools } from '../llm/endpoint-tools.ts';
import { llmAnswer } from '../llm/llm-answer.ts';
import { asLlmConfig } from '../llm/llm-config.ts';
import type { ResolvedAiConfig } from '../provider-kind.ts';
import { loadAiConfig } from '../settings/ai-settings.ts';
import { endpointToolRunner } from './endpoint-tool-runner.ts';

/**
 * answerDefault (no rule matched, widget AI on). LLM: the tenant's aiCallable endpoints are its
 * tools. Embedded, or when the LLM fails: what the AI rules cover, or a hand-over to operators.
 * At zero credits: no reply, and a note for operators.
 */
export async function answerDefault(ctx: AppContext, turn: AiTurnContext): Promise<AiReplyResult> {
  if ((await creditBalance(ctx.db, turn.tenantId)) <= 0) {
    await noteOutOfCredits(ctx, turn.tenantId, turn.conversationId);
    return { text: null };
  }
  const config = await loadAiConfig(ctx, turn.tenantId);
  const llm = asLlmConfig(config);
  if (llm) {
    const endpoints = (await loadTenantEndpoints(ctx, turn.tenantId)).filter((e) => e.aiCallable);
    const tools = await endpointTools(
      endpoints,
      new Set(Object.keys(turn.variables)),
      endpointToolRunner(ctx, turn),
    );
    try {
      const { text, usage } = await llmAnswer(await aiRuntime(ctx).languageModel(llm), turn, tools);
      const credits = await chargeLlm(ctx, turn, config, 'answer', usage);
      if (text) return { text, credits };
    } catch {
      // Falls through to the embedded answer rather than leaving the visitor unanswered.
    }
  }
  return embeddedAnswer(ctx, turn, config);
}

async function embeddedAnswer(
  ctx: AppContext,
  turn: AiTurnContext,
  config: ResolvedAiConfig,
): Promise<AiReplyResult> {
  const rules = (await loadActiveRules(ctx.db, turn.tenantId, turn.widgetId)).filter(
    (rule) => rule.type === 'ai',
  );
  const answer = embeddedDefaultAnswer(rules, config.handoverToOperator);
  if (answer.handover && turn.conversationId) {
    // Like ASSIGN_TO_OPERATOR without an id: the least busy available operator, else just pending.
    const operator = await leastBusyOperator(ctx.db, turn.tenantId);
    await updateConversation(ctx, turn.tenantId, turn.conversationId, {
      status: 'pending',
      ...(operator ? { assignedTo: operator } : {}),
    });
  }
  return { text: answer.text, credits: await chargeEmbeddedReply(ctx, turn, 'answer') };
}
