import { loadTenantEndpoints } from '../../connections/endpoints.repository.ts';
import type { AppContext } from '../../context.ts';
import type { AiTurnContext } from '../../rules/ai-hooks.ts';
import { loadActiveRules } from '../../rules/load-active-rules.ts';
import { aiRuntime } from '../ai-runtime.ts';
import { creditBalance } from '../credits/ai-usage.ts';
import { chargeEmbeddedReply, chargeLlm } from '../credits/charge-ai.ts';
import { OUT_OF_CREDITS } from '../credits/out-of-credits.ts';
import { embeddedDefaultAnswer } from '../embedded/embedded-default-answer.ts';
import { NOTHING_FOUND, writeEmbeddedReply } from '../embedded/embedded-reply.ts';
import type { LlmConfig } from '../llm/create-language-model.ts';
import { endpointTools } from '../llm/endpoint-tools.ts';
import { llmAnswer } from '../llm/llm-answer.ts';
import { asLlmConfig } from '../llm/llm-config.ts';
import { LlmAnswerError, reportLlmFailure } from '../llm/llm-failure.ts';
import type { ResolvedAiConfig } from '../provider-kind.ts';
import { loadAiConfig } from '../settings/ai-settings.ts';
import { visibleVariablesFor } from '../tenant-secrets.ts';
import type { AiReplyOutcome } from './ai-reply-outcome.ts';
import { endpointToolRunner } from './endpoint-tool-runner.ts';

const INSTEAD = 'the embedded AI answered instead';

/**
 * answerDefault (no rule matched, widget AI on). LLM: the tenant's aiCallable endpoints are its
 * tools. Embedded, or when the LLM fails: what the AI rules cover, or a hand-over to operators —
 * and the failure is logged and returned as `error` for the rule log.
 * At zero credits: no reply, and why in the rule log.
 */
export async function answerDefault(ctx: AppContext, turn: AiTurnContext): Promise<AiReplyOutcome> {
  if ((await creditBalance(ctx.db, turn.tenantId)) <= 0) {
    return { text: null, error: OUT_OF_CREDITS };
  }
  const config = await loadAiConfig(ctx, turn.tenantId);
  const llm = asLlmConfig(config);
  let error: string | undefined;
  if (llm) {
    const answered = await llmDefaultAnswer(ctx, turn, config, llm);
    if ('text' in answered) return answered;
    error = answered.error;
  }
  const embedded = await embeddedAnswer(ctx, turn, config);
  return error ? { ...embedded, error } : embedded;
}

async function llmDefaultAnswer(
  ctx: AppContext,
  turn: AiTurnContext,
  config: ResolvedAiConfig,
  llm: LlmConfig,
): Promise<{ text: string; credits: number; error?: string } | { error: string }> {
  const endpoints = (await loadTenantEndpoints(ctx, turn.tenantId)).filter((e) => e.aiCallable);
  const found: Record<string, string> = {};
  const tools = await endpointTools(
    endpoints,
    new Set(Object.keys(turn.variables)),
    endpointToolRunner(ctx, turn, found),
  );
  // The model sees no credential; the tool runner still chains the full session.
  const variables = await visibleVariablesFor(ctx, turn.tenantId, turn.variables, endpoints);
  let answer: Awaited<ReturnType<typeof llmAnswer>>;
  try {
    answer = await llmAnswer(await aiRuntime(ctx).languageModel(llm, turn), { ...turn, variables }, tools);
  } catch (error) {
    return { error: reportLlmFailure(ctx, turn, llm, 'answer', error, INSTEAD) };
  }
  const credits = await chargeLlm(ctx, turn, config, 'answer', answer.usage);
  if (answer.text) return { text: answer.text, credits };
  const empty = new LlmAnswerError(`the model wrote no reply (after ${answer.toolCalls} tool calls)`);
  // The lookups it made did succeed: the visitor gets what they found rather than "I can help
  // with…", and the turn is paid once (the model's tokens), not again for the embedded sentence.
  const listed = writeEmbeddedReply(found, { mappedVariables: Object.keys(found) }).text;
  if (listed !== NOTHING_FOUND) {
    const error = reportLlmFailure(
      ctx,
      turn,
      llm,
      'answer',
      empty,
      'what its tool calls found was listed instead',
    );
    return { text: listed, credits, error };
  }
  return { error: reportLlmFailure(ctx, turn, llm, 'answer', empty, INSTEAD) };
}

async function embeddedAnswer(
  ctx: AppContext,
  turn: AiTurnContext,
  config: ResolvedAiConfig,
): Promise<AiReplyOutcome> {
  const rules = (await loadActiveRules(ctx.db, turn.tenantId, turn.widgetId)).filter(
    (rule) => rule.type === 'ai',
  );
  const answer = embeddedDefaultAnswer(rules, config.handoverToOperator, turn.message);
  const credits = await chargeEmbeddedReply(ctx, turn, 'answer');
  // The pipeline assigns after posting the reply (see AiReplyResult.handover).
  return answer.handover ? { text: answer.text, credits, handover: true } : { text: answer.text, credits };
}
