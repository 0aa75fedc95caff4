import type { AppContext } from '../../context.ts';
import { aiRuntime } from '../ai-runtime.ts';
import type { TokenUsage } from '../llm/llm-usage.ts';
import { totalTokens } from '../llm/llm-usage.ts';
import type { ResolvedAiConfig } from '../provider-kind.ts';
import { type AiUsageKind, chargeAiUsage } from './ai-usage.ts';
import { creditsForTokens } from './credit-rates.ts';

interface ChargeTarget {
  tenantId: string;
  conversationId: string | null;
}

/** Debits an LLM call by its tokens and records it; returns the credits debited. */
export async function chargeLlm(
  ctx: AppContext,
  target: ChargeTarget,
  config: ResolvedAiConfig,
  kind: AiUsageKind,
  usage: TokenUsage,
): Promise<number> {
  const credits = creditsForTokens(aiRuntime(ctx).rates, totalTokens(usage));
  await chargeAiUsage(ctx.db, {
    tenantId: target.tenantId,
    conversationId: target.conversationId,
    kind,
    provider: config.provider,
    model: config.model,
    ...usage,
    credits,
  });
  return credits;
}

/** Debits one reply written by the embedded provider (flat rate) and records it. */
export async function chargeEmbeddedReply(
  ctx: AppContext,
  target: ChargeTarget,
  kind: AiUsageKind,
): Promise<number> {
  const credits = aiRuntime(ctx).rates.embeddedReply;
  await chargeAiUsage(ctx.db, {
    tenantId: target.tenantId,
    conversationId: target.conversationId,
    kind,
    provider: 'embedded',
    model: null,
    inputTokens: 0,
    outputTokens: 0,
    credits,
  });
  return credits;
}
