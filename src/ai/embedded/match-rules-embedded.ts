import type { AiRuleCandidate, AiRuleDecision } from '../../rules/ai-hooks.ts';
import { everydayOnlyOverlap } from './everyday-words.ts';
import type { TenantIntents } from './intent-registry.ts';

/**
 * Below this a rule does not match. Scores average the intent model's confidence with the keyword
 * overlap (measured on the held-out set in intent-fixtures.ts: see embedded-intents.test.ts).
 */
export const MATCH_THRESHOLD = 0.25;

/**
 * Decides every AI rule for one message. A rule can only match when the message shares at least
 * one topic word with the rule's description or examples: the neural model always spreads its
 * confidence over the known intents, even for "tell me a joke", and this keeps such lines unmatched.
 * A lone everyday word ("I ordered pizza", "do you ship to Germany") is not enough when the message
 * is about something else (see everydayOnlyOverlap). Only the best-scoring rule matches.
 */
export async function matchRulesEmbedded(
  intents: TenantIntents,
  message: string,
  rules: readonly AiRuleCandidate[],
): Promise<AiRuleDecision[]> {
  const keyword = new Map(intents.scorer.score(message).map((s) => [s.ruleId, s]));
  const modelScores = intents.model
    ? new Map((await intents.model.classify(message)).map((c) => [c.ruleId, c.score]))
    : undefined;
  const source = modelScores ? 'intent model' : 'keyword match (intent model still training)';

  const scored = rules.map((rule) => {
    const kw = keyword.get(rule.id);
    const shared = kw?.shared ?? [];
    const offTopic = everydayOnlyOverlap(shared, kw?.unshared ?? [], message);
    const kwScore = kw?.score ?? 0;
    const score =
      shared.length === 0 || offTopic
        ? 0
        : modelScores
          ? ((modelScores.get(rule.id) ?? 0) + kwScore) / 2
          : kwScore;
    return { rule, score: round(score), shared, offTopic };
  });
  const best = scored.reduce<(typeof scored)[number] | undefined>(
    (top, s) => (s.score >= MATCH_THRESHOLD && (!top || s.score > top.score) ? s : top),
    undefined,
  );

  return scored.map(({ rule, score, shared, offTopic }) => {
    const base = `${source}: confidence ${score.toFixed(2)} (threshold ${MATCH_THRESHOLD})`;
    if (offTopic) return { ruleId: rule.id, matched: false, score, reason: `${source}: ${offTopic}` };
    if (shared.length === 0) {
      return {
        ruleId: rule.id,
        matched: false,
        score,
        reason: `${source}: no words in common with the rule's description or examples`,
      };
    }
    if (best?.rule === rule) {
      return { ruleId: rule.id, matched: true, score, reason: `${base}; shared words: ${shared.join(', ')}` };
    }
    const why = score < MATCH_THRESHOLD ? 'below the threshold' : `"${best?.rule.name}" scored higher`;
    return { ruleId: rule.id, matched: false, score, reason: `${base}; ${why}` };
  });
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
