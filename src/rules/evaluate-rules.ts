import type { AiRuleDecision } from './ai-hooks.ts';
import type { CompiledRule } from './compile-rule.ts';
import type { MessageFacts } from './conditions/condition.ts';
import { matchRule, type RuleMatch } from './match-rule.ts';

export interface Evaluation {
  /** Every evaluated rule, in order, with whether it matched and why. */
  matches: RuleMatch[];
  /** The matching rules whose actions would run, in order (ends with the first matching stopProcessing rule). */
  matched: RuleMatch[];
}

/**
 * Evaluates one message against rules already compiled and sorted (compareRules), with no I/O:
 * the matching half of the pipeline, used by POST /rules/test's listing and by `npm run bench`.
 * Actions are not run, so a condition on a variable an earlier rule's action would set sees
 * the variables as given. AI rules match only through `aiDecisions` (keyed by rule id).
 *
 * @example
 * const rules = stored.map(compileRule).sort(compareRules);
 * evaluateRules(rules, { message: 'How much is it?', variables: {}, language: 'en', firstMessage: true, status: 'open' });
 */
export function evaluateRules(
  rules: readonly CompiledRule[],
  facts: MessageFacts,
  aiDecisions?: ReadonlyMap<string, AiRuleDecision>,
): Evaluation {
  const evaluation: Evaluation = { matches: [], matched: [] };
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const match = matchRule(rule, facts, aiDecisions?.get(rule.id));
    evaluation.matches.push(match);
    if (!match.matched) continue;
    evaluation.matched.push(match);
    if (rule.stopProcessing) break;
  }
  return evaluation;
}
