import type { AiRuleCandidate, AiRuleDecision } from '../../rules/ai-hooks.ts';
import { everydayOnlyOverlap } from './everyday-words.ts';
import { type ShapeMatch, sameShapeExample } from './example-shape.ts';
import type { TenantIntents } from './intent-registry.ts';

/**
 * Below this a rule does not match. Scores average the intent model's confidence with the keyword
 * overlap (measured on the held-out set in intent-fixtures.ts: see embedded-intents.test.ts).
 */
export const MATCH_THRESHOLD = 0.25;
/**
 * The confidence of a message that repeats one of the rule's examples with another value in it
 * ("Do you ship to Poland?" for "Do you ship to Austria?"): near-certain, whatever the model says
 * about a value it never saw.
 */
const SAME_SHAPE_CONFIDENCE = 0.9;

/**
 * Decides every AI rule for one message. A rule can only match when the message shares at least
 * one topic word with the rule's description or examples: the neural model always spreads its
 * confidence over the known intents, even for "tell me a joke", and this keeps such lines unmatched.
 * A lone everyday word ("I ordered pizza", "do you ship to Germany") is not enough when the message
 * is about something else (see everydayOnlyOverlap) — unless the message is one of the rule's own
 * examples with another value in it ("Do you ship to Poland?" for the example "Do you ship to
 * Austria?", see sameShapeExample). Only the best-scoring rule matches.
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
    const shape = sameShapeExample(message, rule.examples);
    const offTopic = shape ? undefined : everydayOnlyOverlap(shared, kw?.unshared ?? [], message);
    const kwScore = kw?.score ?? 0;
    const combined = modelScores ? ((modelScores.get(rule.id) ?? 0) + kwScore) / 2 : kwScore;
    const score = shape
      ? Math.max(combined, SAME_SHAPE_CONFIDENCE)
      : shared.length === 0 || offTopic
        ? 0
        : combined;
    return { rule, score: round(score), shared, offTopic, shape };
  });
  const best = scored.reduce<(typeof scored)[number] | undefined>(
    (top, s) => (s.score >= MATCH_THRESHOLD && (!top || s.score > top.score) ? s : top),
    undefined,
  );

  return scored.map(({ rule, score, shared, offTopic, shape }) => {
    const base = `${source}: confidence ${score.toFixed(2)} (threshold ${MATCH_THRESHOLD})${shape ? `; ${shapeReason(shape)}` : ''}`;
    if (offTopic) return { ruleId: rule.id, matched: false, score, reason: `${source}: ${offTopic}` };
    if (shared.length === 0 && !shape) {
      return {
        ruleId: rule.id,
        matched: false,
        score,
        reason: `${source}: no words in common with the rule's description or examples`,
      };
    }
    if (best?.rule === rule) {
      const words = shared.length > 0 ? `; shared words: ${shared.join(', ')}` : '';
      return { ruleId: rule.id, matched: true, score, reason: base + words };
    }
    const why = score < MATCH_THRESHOLD ? 'below the threshold' : `"${best?.rule.name}" scored higher`;
    return { ruleId: rule.id, matched: false, score, reason: `${base}; ${why}` };
  });
}

/** 'worded like the example "Do you ship to Austria?", with "Poland" in place of "Austria"'. */
function shapeReason(shape: ShapeMatch): string {
  return `worded like the example "${shape.example}", with "${shape.messageValue}" in place of "${shape.exampleValue}"`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
