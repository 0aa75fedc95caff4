import type { AppContext } from '../../context.ts';
import type { AiRuleCandidate, AiRuleDecision, AiTurnContext } from '../../rules/ai-hooks.ts';
import { aiRuntime } from '../ai-runtime.ts';
import { creditBalance } from '../credits/ai-usage.ts';
import { chargeLlm } from '../credits/charge-ai.ts';
import { matchRulesEmbedded } from '../embedded/match-rules-embedded.ts';
import { llmClassify } from '../llm/llm-classify.ts';
import { asLlmConfig } from '../llm/llm-config.ts';
import { logLlmFailure, redactedAiError } from '../llm/llm-failure.ts';
import { loadAiConfig } from '../settings/ai-settings.ts';
import { embeddedFollowUp } from './embedded-follow-up.ts';

const undecided = (rules: readonly AiRuleCandidate[], reason: string): AiRuleDecision[] =>
  rules.map((rule) => ({ ruleId: rule.id, matched: false, score: 0, reason, undecided: true }));

/**
 * matchAiRules: an LLM provider classifies with the transcript as context; the embedded provider
 * uses the tenant's intent model (or keyword overlap while it trains), and also on LLM failure so
 * a provider outage does not stop the rules — and in a dry-run without `execute`, which promises
 * no outbound call and no charge.
 * Credits (SPEC §8: at zero, AI replies stop, REPLY_TEXT rules keep working): the embedded NLU
 * decides for free, so its AI rules keep running their non-AI actions at zero credits. A tenant
 * with an LLM provider needs the model to decide, which costs credits: at zero, no AI rule matches
 * and operators get the out-of-credits note (once), with or without the widget's AI answers.
 */
export async function matchAiRules(
  ctx: AppContext,
  turn: AiTurnContext,
  rules: AiRuleCandidate[],
): Promise<AiRuleDecision[]> {
  if (rules.length === 0) return [];
  const config = await loadAiConfig(ctx, turn.tenantId);
  const configuredLlm = asLlmConfig(config);
  const llm = turn.offline ? undefined : configuredLlm;
  // Checked for a dry-run decided offline too: it shows what a conversation would do.
  if (configuredLlm && (await creditBalance(ctx.db, turn.tenantId)) <= 0) {
    return undecided(
      rules,
      `no credits: AI rules are decided by the ${config.provider} model, and the account has no AI credits left`,
    );
  }
  let prefix =
    configuredLlm && !llm
      ? `dry run: decided offline by the embedded NLU, not the ${config.provider} model (execute: true asks the model); `
      : '';
  if (llm) {
    try {
      const { decisions, usage } = await llmClassify(
        await aiRuntime(ctx).languageModel(llm, turn),
        turn,
        rules,
      );
      await chargeLlm(ctx, turn, config, 'classify', usage);
      return decisions;
    } catch (error) {
      logLlmFailure(ctx, turn, llm, 'classify', error, 'the embedded NLU decided the AI rules instead');
      prefix = `LLM unavailable (${redactedAiError(llm, error)}); `;
    }
  }
  const intents = aiRuntime(ctx).intents.intentsFor(turn.tenantId, rules);
  let decisions = await matchRulesEmbedded(intents, turn.message, rules);
  if (!decisions.some((d) => d.matched)) {
    const followUp = await embeddedFollowUp(intents, turn, rules);
    if (followUp) decisions = decisions.map((d) => (d.ruleId === followUp.ruleId ? followUp : d));
  }
  return prefix ? decisions.map((d) => ({ ...d, reason: prefix + d.reason })) : decisions;
}
