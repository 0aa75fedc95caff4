/**
 * The session variable that remembers an AI rule waiting for the visitor's answer to a slot
 * question, as "<ruleId>:<questions asked>:<field>": the next message continues that rule instead of
 * starting evaluation afresh — unless it cancels or clearly asks for something else (see
 * pending-interruption.ts). Internal (leading "_"): API clients, the inbox and AI models never see
 * it (the rule log shows the question instead), and no rule or mapping may write it.
 */
export { PENDING_RULE_VARIABLE } from '../../conversations/variables.ts';

/** How many times in a row one field may be asked for before the rule gives up (the visitor cannot or will not say). */
export const MAX_PENDING_QUESTIONS = 3;

export interface PendingRule {
  ruleId: string;
  /** Questions asked in a row for `field`. */
  asked: number;
  field: string | undefined;
}

export function parsePendingRule(value: string | undefined): PendingRule | undefined {
  if (!value) return undefined;
  const [ruleId, asked, field] = value.split(':');
  return ruleId ? { ruleId, asked: Number(asked) || 0, field: field || undefined } : undefined;
}

export const pendingRuleValue = (ruleId: string, asked: number, field: string): string =>
  `${ruleId}:${asked}:${field}`;
