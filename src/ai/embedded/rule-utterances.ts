import type { AiRuleCandidate } from '../../rules/ai-hooks.ts';

/**
 * "When the visitor asks about their order status" describes a message; the visitor writes
 * "my order status". Dropping the framing and switching the person makes the description read like
 * a visitor's words, so it trains the same features the visitor's messages will have.
 */
const framing =
  /^\s*(?:when|if|whenever)\s+(?:the\s+|a\s+)?(?:visitor|customer|user|client|guest|person|someone|shopper|buyer|caller)s?\s+(?:is\s+)?(?:asks?|asking|wants?|wanting|inquires?|enquires?|requests?|needs?|mentions?|talks?|says?|writes?|would\s+like|wishes?|tries?|has\s+a\s+question)\s*(?:about|for|to|if|whether|on|regarding)?\s*/i;

const personSwaps: Array<[RegExp, string]> = [
  [/\btheir\b/gi, 'my'],
  [/\bthemselves\b/gi, 'myself'],
  [/\bthem\b/gi, 'me'],
  [/\bthey\b/gi, 'I'],
];

export function visitorPhrasing(description: string): string {
  let text = description.replace(framing, '');
  for (const [pattern, replacement] of personSwaps) text = text.replace(pattern, replacement);
  return text.replace(/[.!]+$/, '').trim();
}

/** The sentences an AI rule is trained on: its description in the visitor's words, and its examples. */
export function ruleUtterances(rule: Pick<AiRuleCandidate, 'name' | 'description' | 'examples'>): string[] {
  const utterances = [visitorPhrasing(rule.description), ...rule.examples.map((e) => e.trim())];
  if (rule.name.trim()) utterances.push(rule.name.trim());
  return [...new Set(utterances.filter((u) => /\p{L}/u.test(u)))];
}
