import type { LanguageModel } from 'ai';
import { z } from 'zod';
import type { AiRuleCandidate, AiRuleDecision, AiTurnContext } from '../../rules/ai-hooks.ts';
import { loadAiSdk } from './ai-sdk.ts';
import { conversationMessages } from './conversation-messages.ts';
import { type TokenUsage, tokenUsage } from './llm-usage.ts';

const decisionsSchema = z.object({
  decisions: z.array(
    z.object({
      rule: z.string().describe('The rule reference, e.g. "R1"'),
      matched: z.boolean(),
      confidence: z.number().min(0).max(1),
      reason: z.string().describe('One short sentence'),
    }),
  ),
});

/** Below this the model's "matched" is not trusted. */
const MIN_CONFIDENCE = 0.5;

/**
 * Asks the model which AI rules the visitor's latest message matches, with the recent transcript
 * as context (so "4521" after "What is your order number?" continues the order rule). Rules are
 * shown as R1, R2… rather than their ids; every candidate gets a decision.
 */
export async function llmClassify(
  model: LanguageModel,
  turn: AiTurnContext,
  rules: readonly AiRuleCandidate[],
): Promise<{ decisions: AiRuleDecision[]; usage: TokenUsage }> {
  const listing = rules
    .map((rule, i) => {
      const examples =
        rule.examples.length > 0
          ? `\n   Examples: ${rule.examples.map((e) => JSON.stringify(e)).join(', ')}`
          : '';
      return `R${i + 1}. ${rule.name}: ${rule.description}${examples}`;
    })
    .join('\n');
  const { generateText, Output } = await loadAiSdk();
  const result = await generateText({
    model,
    maxRetries: 1,
    system: [
      "You route a customer's chat message to automation rules.",
      "For each rule, decide whether the visitor's LATEST message (read in the context of the conversation) is what the rule describes.",
      'Give a decision for every rule, a confidence between 0 and 1, and a one-sentence reason.',
      'Rules:',
      listing,
    ].join('\n'),
    messages: conversationMessages(turn),
    output: Output.object({ schema: decisionsSchema }),
  });
  const byRef = new Map(result.output.decisions.map((d) => [d.rule.trim().toUpperCase(), d]));
  const decisions = rules.map((rule, i): AiRuleDecision => {
    const decision = byRef.get(`R${i + 1}`);
    if (!decision)
      return {
        ruleId: rule.id,
        matched: false,
        score: 0,
        reason: 'LLM: the model gave no decision for this rule',
      };
    const matched = decision.matched && decision.confidence >= MIN_CONFIDENCE;
    return { ruleId: rule.id, matched, score: decision.confidence, reason: `LLM: ${decision.reason}` };
  });
  return { decisions, usage: tokenUsage(result.usage) };
}
