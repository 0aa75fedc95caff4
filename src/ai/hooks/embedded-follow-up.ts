import type { AiRuleCandidate, AiRuleDecision, AiTurnContext } from '../../rules/ai-hooks.ts';
import type { TenantIntents } from '../embedded/intent-registry.ts';
import { matchRulesEmbedded } from '../embedded/match-rules-embedded.ts';
import { isShortValueFollowUp } from '../embedded/short-value-follow-up.ts';

/** A value a visitor gives when correcting or completing an earlier request: an email, a number, a #code. */
const VALUE_LIKE = /[^\s@]+@[^\s@]+\.\p{L}{2,}|#[\p{L}\p{N}-]+|\p{N}{2,}/u;
const LOOK_BACK = 3;

/**
 * "Email doesn't match" → the visitor sends another email: on its own that message matches no
 * rule. When nothing matched and the message carries a value, the rule that one of the visitor's
 * last few messages matched is continued — so the corrected value reaches the same endpoint.
 */
export async function embeddedFollowUp(
  intents: TenantIntents,
  turn: AiTurnContext,
  rules: readonly AiRuleCandidate[],
): Promise<AiRuleDecision | undefined> {
  if (!VALUE_LIKE.test(turn.message) && !isShortValueFollowUp(turn.message, turn.language)) return undefined;
  const earlier = turn.history
    .filter((entry) => entry.role === 'visitor' && entry.content !== turn.message)
    .slice(-LOOK_BACK)
    .reverse();
  for (const entry of earlier) {
    const matched = (await matchRulesEmbedded(intents, entry.content, rules)).find((d) => d.matched);
    if (matched) {
      return {
        ...matched,
        reason: `follow-up: the message gives a value, and the visitor's earlier message "${entry.content.slice(0, 80)}" matched this rule`,
      };
    }
  }
  return undefined;
}
