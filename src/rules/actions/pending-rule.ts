/**
 * The session variable that remembers an AI rule waiting for the visitor's answer to a slot
 * question, as "<ruleId>:<questions asked>": the next message continues that rule instead of
 * starting evaluation afresh. It is an ordinary variable (visible in GET /conversations/{id}),
 * so an operator can see why the conversation is in a flow.
 */
export const PENDING_RULE_VARIABLE = '_pendingRule';

/** How many questions in a row one pending rule may ask before it gives up (the visitor moved on). */
export const MAX_PENDING_QUESTIONS = 3;

export function parsePendingRule(value: string | undefined): { ruleId: string; asked: number } | undefined {
  if (!value) return undefined;
  const [ruleId, asked] = value.split(':');
  return ruleId ? { ruleId, asked: Number(asked) || 0 } : undefined;
}

export const pendingRuleValue = (ruleId: string, asked: number): string => `${ruleId}:${asked}`;
