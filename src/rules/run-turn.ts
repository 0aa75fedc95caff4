import type { ActionEffects, ActionLogEntry, RuleTurn } from './actions/action.ts';
import { aiTurnOf, errorText } from './actions/ai-turn.ts';
import { PENDING_RULE_VARIABLE, parsePendingRule } from './actions/pending-rule.ts';
import { runActions } from './actions/run-actions.ts';
import type { AiRuleDecision } from './ai-hooks.ts';
import { aiHooks } from './ai-hooks.ts';
import type { CompiledRule } from './compile-rule.ts';
import type { MessageFacts } from './conditions/condition.ts';
import { matchRule, type RuleMatch } from './match-rule.ts';
import { findInterruption } from './pending-interruption.ts';

/** The answer to "cancel" while a question waits: the flow is dropped, and the visitor knows it. */
export const CANCELLED_REPLY = "No problem, I've stopped that. What else can I help you with?";

export interface TurnOutcome {
  /** Every evaluated rule with whether it matched and why (captures left out). */
  matches: Array<Omit<RuleMatch, 'captures'>>;
  actions: ActionLogEntry[];
  unknownVariables: string[];
  errors: string[];
  /** A matching rule had stopProcessing, or an action ended evaluation (question, validation message, fallback). */
  stopped: boolean;
  /** Rules replied something (REPLY_TEXT, REPLY_AI, a question, a fallback). */
  replied: boolean;
  matchedCount: number;
}

/**
 * One visitor message through the rules, interleaving matching and actions: each rule is matched
 * against the variables as earlier rules' actions left them, so "CALL_API in rule 1, then
 * VARIABLE_EQUALS tier=gold in rule 2" routes on fresh data. A pending AI rule (waiting for the
 * answer to its question) takes the message first and ends evaluation — unless the message cancels
 * or clearly asks for something else (pending-interruption.ts).
 * The live pipeline and POST /rules/test run this same function with different effects.
 */
export async function runTurn(
  rules: readonly CompiledRule[],
  turn: RuleTurn,
  effects: ActionEffects,
): Promise<TurnOutcome> {
  const outcome: TurnOutcome = {
    matches: [],
    actions: [],
    unknownVariables: [],
    errors: [],
    stopped: false,
    replied: false,
    matchedCount: 0,
  };
  const replying: ActionEffects = {
    ...effects,
    async reply(text) {
      outcome.replied = true;
      await effects.reply(text);
    },
  };

  let decisions: Map<string, AiRuleDecision> | undefined;
  const decide = async () => {
    decisions ??= await decideAiRules(rules, turn, effects, outcome);
    return decisions;
  };
  /** Why the waiting rule stopped waiting, shown with its next evaluation. */
  let stoppedWaiting: string | undefined;
  const pending = parsePendingRule(turn.variables[PENDING_RULE_VARIABLE]);
  if (pending) {
    // Cleared first: the rule sets it again if it still needs an answer.
    delete turn.variables[PENDING_RULE_VARIABLE];
    await replying.saveVariables({ [PENDING_RULE_VARIABLE]: null });
    const rule = rules.find((candidate) => candidate.id === pending.ruleId && candidate.enabled);
    const interruption = rule && (await findInterruption(rules, rule, factsOf(turn), decide));
    if (rule && !interruption) {
      outcome.matches.push({
        ruleId: rule.id,
        name: rule.name,
        matched: true,
        reason: 'continues: the visitor is answering its question',
      });
      turn.pendingQuestions = pending.asked;
      turn.pendingField = pending.field;
      await runRule(rule, {}, outcome, turn, replying);
      outcome.stopped = true;
      return outcome;
    }
    if (rule && interruption?.cancelled) {
      outcome.matches.push({
        ruleId: rule.id,
        name: rule.name,
        matched: false,
        reason: `stopped waiting for an answer: ${interruption.reason}`,
      });
      await replying.reply(CANCELLED_REPLY);
      outcome.stopped = true;
      return outcome;
    }
    if (rule && interruption) stoppedWaiting = `stopped waiting for an answer (${interruption.reason}); `;
  }

  for (const rule of rules) {
    if (!rule.enabled) continue;
    if (rule.type === 'ai') await decide();
    const match = matchRule(rule, factsOf(turn), decisions?.get(rule.id));
    const note = rule.id === pending?.ruleId ? (stoppedWaiting ?? '') : '';
    outcome.matches.push({
      ruleId: match.ruleId,
      name: match.name,
      matched: match.matched,
      reason: note + match.reason,
    });
    if (!match.matched) continue;
    const halted = await runRule(rule, match.captures, outcome, turn, replying);
    if (halted || rule.stopProcessing) {
      outcome.stopped = true;
      break;
    }
  }
  return outcome;
}

async function runRule(
  rule: CompiledRule,
  captures: Record<string, string>,
  outcome: TurnOutcome,
  turn: RuleTurn,
  effects: ActionEffects,
): Promise<boolean> {
  outcome.matchedCount++;
  const run = await runActions(rule.actions, {
    turn,
    rule: { id: rule.id, name: rule.name, type: rule.type, captures, locals: {} },
    effects,
  });
  outcome.actions.push(...run.log);
  for (const name of run.unknownVariables)
    if (!outcome.unknownVariables.includes(name)) outcome.unknownVariables.push(name);
  for (const entry of run.log)
    if (typeof entry.error === 'string') outcome.errors.push(`${rule.name}: ${entry.type}: ${entry.error}`);
  return run.halted;
}

export const factsOf = (turn: RuleTurn): MessageFacts => ({
  message: turn.message,
  translatedMessage: turn.translatedMessage,
  variables: turn.variables,
  language: turn.language,
  firstMessage: turn.firstMessage,
  status: turn.status,
});

/** One AI call per message for all AI rules, made only when evaluation reaches the first of them. */
async function decideAiRules(
  rules: readonly CompiledRule[],
  turn: RuleTurn,
  effects: ActionEffects,
  outcome: TurnOutcome,
) {
  const candidates = rules
    .filter((rule) => rule.enabled && rule.type === 'ai')
    .map((rule) => ({
      id: rule.id,
      name: rule.name,
      description: rule.description ?? '',
      examples: rule.examples,
    }));
  try {
    const aiTurn = { ...aiTurnOf(turn), offline: !effects.live };
    const decisions = await aiHooks().matchAiRules(effects.ctx, aiTurn, candidates);
    return new Map(decisions.map((decision) => [decision.ruleId, decision]));
  } catch (error) {
    outcome.errors.push(`AI rule matching failed: ${errorText(error)}`);
    return new Map<string, AiRuleDecision>();
  }
}
