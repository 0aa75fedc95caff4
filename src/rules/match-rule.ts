import type { AiRuleDecision } from './ai-hooks.ts';
import type { CompiledRule } from './compile-rule.ts';
import type { ConditionResult, MessageFacts } from './conditions/condition.ts';

export interface RuleMatch {
  ruleId: string;
  name: string;
  matched: boolean;
  reason: string;
  /** Regex groups of the matching MESSAGE_MATCHES_REGEX conditions (`match.1`, `match.name`). */
  captures: Record<string, string>;
}

/**
 * Whether one rule matches, and why. `all`: every condition must match (the first that does not
 * is the reason); `any`: the first that matches is the reason. No conditions: always matches.
 * AI rules must also be chosen by the AI layer (`ai`); without its decision they do not match.
 */
export function matchRule(rule: CompiledRule, facts: MessageFacts, ai?: AiRuleDecision): RuleMatch {
  const base = { ruleId: rule.id, name: rule.name };
  const conditions = matchConditions(rule, facts);
  if (!conditions.matched || rule.type === 'static')
    return { ...base, ...conditions, captures: conditions.captures ?? {} };
  if (!ai) return { ...base, matched: false, reason: 'AI matching was not run for this rule', captures: {} };
  const prefix = rule.conditions.length > 0 ? `${conditions.reason}; ` : '';
  const verdict = ai.undecided
    ? ai.reason
    : `AI ${ai.matched ? 'matched' : 'did not match'} (score ${ai.score.toFixed(2)}): ${ai.reason}`;
  return {
    ...base,
    matched: ai.matched,
    reason: `${prefix}${verdict}`,
    captures: conditions.captures ?? {},
  };
}

function matchConditions(rule: CompiledRule, facts: MessageFacts): ConditionResult {
  if (rule.conditions.length === 0) return { matched: true, reason: 'no conditions (always matches)' };
  if (rule.match === 'any') {
    const reasons: string[] = [];
    for (const condition of rule.conditions) {
      const result = condition(facts);
      if (result.matched) return result;
      reasons.push(result.reason);
    }
    return { matched: false, reason: `no condition matched: ${reasons.join('; ')}` };
  }
  const reasons: string[] = [];
  let captures: Record<string, string> | undefined;
  for (const condition of rule.conditions) {
    const result = condition(facts);
    if (!result.matched) return result;
    reasons.push(result.reason);
    if (result.captures) captures = { ...captures, ...result.captures };
  }
  return { matched: true, reason: reasons.join('; '), captures };
}
