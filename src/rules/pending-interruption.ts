import type { AiRuleDecision } from './ai-hooks.ts';
import type { CompiledRule } from './compile-rule.ts';
import type { MessageFacts } from './conditions/condition.ts';
import { matchRule } from './match-rule.ts';

/** A message that ends the question instead of answering it ("cancel", "never mind", "forget it"). */
const CANCEL = /^\W*(cancel|stop|never\s*mind|forget\s+(it|that|about\s+it)|quit|no\s+thanks?)\b/i;

export type Interruption = { cancelled: true; reason: string } | { cancelled: false; reason: string };

/**
 * Whether a message sent while an AI rule waits for an answer is not an answer: the visitor
 * cancels, or the message itself triggers another rule — a static rule through the visitor's words
 * (a rule that only tests variables would fire on any message), or another AI rule the AI layer
 * prefers to the waiting one. As in Rasa's forms, the flow then stops and the message is
 * evaluated afresh, so "I want to talk to a person" is never taken for an order number.
 * `decideAi` runs the one AI decision of the turn; it is called only when other AI rules exist.
 */
export async function findInterruption(
  rules: readonly CompiledRule[],
  waiting: CompiledRule,
  facts: MessageFacts,
  decideAi: () => Promise<Map<string, AiRuleDecision>>,
): Promise<Interruption | undefined> {
  if (CANCEL.test(facts.message)) return { cancelled: true, reason: 'the visitor cancelled' };
  const others = rules.filter((rule) => rule.enabled && rule.id !== waiting.id);
  for (const rule of others) {
    if (rule.type !== 'static' || !rule.readsMessage) continue;
    if (matchRule(rule, facts).matched)
      return { cancelled: false, reason: `the message matches "${rule.name}"` };
  }
  if (!others.some((rule) => rule.type === 'ai')) return undefined;
  const decisions = await decideAi();
  if (decisions.get(waiting.id)?.matched) return undefined;
  const chosen = others.find((rule) => rule.type === 'ai' && decisions.get(rule.id)?.matched);
  return chosen ? { cancelled: false, reason: `the visitor moved on to "${chosen.name}"` } : undefined;
}
