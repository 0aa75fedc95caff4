import { flushCallLogs } from '../connections/connections-runtime.ts';
import type { AppContext } from '../context.ts';
import type {
  MessageJob,
  MessageProcessor,
  ProcessorTools,
} from '../conversations/pipeline/message-processor.ts';
import type { ActionEffects, RuleTurn } from './actions/action.ts';
import { aiTurnOf, errorText } from './actions/ai-turn.ts';
import { aiHooks } from './ai-hooks.ts';
import { createLiveEffects } from './live-effects.ts';
import { loadActiveRules } from './load-active-rules.ts';
import { loadTurn, loadTurnConversation, type TurnConversation } from './load-turn.ts';
import { pruneRuleLogsNow } from './prune-rule-logs.ts';
import { type JobIds, previousRun, type RuleLogEntry, saveCheckpoint, writeRuleLog } from './rule-logs.ts';
import { runTurn, type TurnOutcome } from './run-turn.ts';

/** The rules engine as the conversations queue's processor (registered in app.ts). */
export function createRulesProcessor(ctx: AppContext): MessageProcessor {
  return { process: (job, tools) => processVisitorMessage(ctx, job, tools) };
}

/**
 * One stored visitor message: the tenant's rules in order, then — when no rule answered or
 * stopped evaluation and the widget has AI on — the AI's default answer; then the rule log.
 * The queue runs this once per message, in order per conversation. If a run crashes, the retry
 * replays from the checkpoint the first run saved before changing anything, and the queue's
 * `reply` returns the already stored n-th reply instead of posting it again: no duplicates.
 */
export async function processVisitorMessage(
  ctx: AppContext,
  job: MessageJob,
  tools: ProcessorTools,
): Promise<void> {
  const conversation = await loadTurnConversation(ctx.db, job);
  if (!conversation) return;
  const rules = await loadActiveRules(
    ctx.db,
    job.tenantId,
    conversation.widgetId,
    conversation.rulesRevision,
  );
  const withHistory = conversation.aiEnabled || rules.some((rule) => rule.usesAi);
  const loaded = await loadTurn(ctx.db, job, conversation, { withHistory });
  if (!loaded) return;
  const { turn } = loaded;
  const ids: JobIds = {
    tenantId: job.tenantId,
    conversationId: job.conversationId,
    messageId: job.messageId,
    jobId: job.id,
  };
  if (job.attempt > 1) {
    const previous = await previousRun(ctx.db, job.tenantId, job.id);
    if (previous.state === 'done') return;
    if (previous.state === 'running') {
      turn.variables = { ...previous.checkpoint.variables };
      turn.status = previous.checkpoint.status;
    }
  }
  const checkpoint = { variables: { ...turn.variables }, status: turn.status };
  const effects = createLiveEffects({
    ctx,
    translate: conversation.translationEnabled,
    turn,
    tools,
    beforeFirstChange: (db = ctx.db) => saveCheckpoint(db, ids, checkpoint),
  });

  const outcome = await runTurn(rules, turn, effects);
  const entry: RuleLogEntry = {
    messageId: job.messageId,
    ...logMatches(outcome.matches),
    actions: outcome.actions,
    errors: outcome.errors,
    unknownVariables: outcome.unknownVariables,
  };
  if (answersWithAi(outcome)) {
    entry.defaultAnswer = 'none';
    const person = withAPerson(conversation, turn);
    if (person) entry.defaultAnswerSkipped = person;
    else if (conversation.aiEnabled) entry.defaultAnswer = await answerWithAi(ctx, turn, effects, entry);
  }
  // Committed with the job's completion: one transaction instead of two, and never a finished
  // job without its log.
  await flushCallLogs(ctx);
  const variables = effects.pendingWrite({ atCompletion: true });
  tools.atCompletion(async (trx) => {
    if (variables) await variables(trx);
    await writeRuleLog(trx, ids, entry, outcome.matchedCount);
  });
  await pruneRuleLogsNow(ctx);
}

/**
 * Why the AI's default answer stays quiet because people took the conversation over, or undefined:
 * it waits for an operator (`pending`), is assigned to one, or an operator wrote the latest of the
 * non-visitor messages the turn loaded (the bot answering after a teammate replied reads as if it
 * had not listened). Rules still run: they are the tenant's explicit instructions.
 */
function withAPerson(conversation: TurnConversation, turn: RuleTurn): string | undefined {
  if (conversation.status === 'pending') return 'the conversation waits for an operator';
  if (conversation.assignedTo) return 'the conversation is assigned to an operator';
  const lastStaff = turn.history.findLast((entry) => entry.role === 'ai' || entry.role === 'operator');
  return lastStaff?.role === 'operator' ? 'an operator wrote the latest reply' : undefined;
}

/** Most non-matching rules a log entry lists; a tenant with 1,000 rules would otherwise log ~150 kB per message. */
export const MAX_LOGGED_NON_MATCHES = 100;

function logMatches(matches: TurnOutcome['matches']): Pick<RuleLogEntry, 'rules' | 'omittedNonMatching'> {
  let nonMatching = 0;
  const rules = matches.filter((match) => match.matched || ++nonMatching <= MAX_LOGGED_NON_MATCHES);
  const omitted = matches.length - rules.length;
  return omitted > 0 ? { rules, omittedNonMatching: omitted } : { rules };
}

/**
 * The AI answers when the rules left the message unanswered: nothing matched, or only rules
 * that neither replied, stopped evaluation nor handed the conversation to an operator (a
 * tagging rule such as SET_VARIABLE does not silence the assistant).
 */
function answersWithAi(outcome: TurnOutcome): boolean {
  if (outcome.stopped || outcome.replied) return false;
  return !outcome.actions.some((action) => action.type === 'ASSIGN_TO_OPERATOR');
}

async function answerWithAi(
  ctx: AppContext,
  turn: RuleTurn,
  effects: ActionEffects,
  entry: RuleLogEntry,
): Promise<'ai' | 'ai-declined'> {
  let handover = false;
  try {
    const answer = await aiHooks().answerDefault(ctx, aiTurnOf(turn));
    if (answer.error) entry.errors.push(`AI answer: ${answer.error}`);
    if (answer.text === null) return 'ai-declined';
    await effects.reply(answer.text);
    handover = answer.handover === true;
  } catch (error) {
    entry.errors.push(`AI answer failed: ${errorText(error)}`);
    await effects.reply(await effects.fallbackReply());
    return 'ai';
  }
  // Outside the try: a failed hand-over is retried with the job, not followed by a second reply.
  if (handover) await handOver(effects, entry);
  return 'ai';
}

/**
 * The hand-over the default answer promised, done as ASSIGN_TO_OPERATOR without an id does it. After
 * the reply: a retry after a crash in between finds the conversation still open, answers again (the
 * queue returns the stored reply) and assigns; the other way round the retry would find it pending,
 * stay quiet and the visitor would never read why.
 */
async function handOver(effects: ActionEffects, entry: RuleLogEntry): Promise<void> {
  const assigned = await effects.assignOperator(null);
  entry.defaultAnswerHandover = { operatorId: assigned.operatorId };
  if (assigned.error) entry.errors.push(`AI hand-over: ${assigned.error}`);
}
