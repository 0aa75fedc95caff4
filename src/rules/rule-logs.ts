import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { prepareQuery } from '../db/prepared-query.ts';
import { nowIso } from '../db/time.ts';
import type { ActionLogEntry } from './actions/action.ts';
import type { RuleLogsTable } from './rule.tables.ts';

/** What the rules did with one visitor message. */
export interface RuleLogEntry {
  messageId: string | null;
  rules: Array<{ ruleId: string; name: string; matched: boolean; reason: string }>;
  /** Non-matching rules left out of `rules` (only past the first MAX_LOGGED_NON_MATCHES). */
  omittedNonMatching?: number;
  actions: ActionLogEntry[];
  errors: string[];
  unknownVariables: string[];
  /** How the message was answered when no rule did: `ai` (AI default answer), `none`. */
  defaultAnswer?: 'ai' | 'none' | 'ai-declined';
  /** Why the AI's default answer was not given although nothing answered (people took the conversation over). */
  defaultAnswerSkipped?: string;
  /** The default answer handed the conversation to a person (now `pending`): the operator assigned, or null when none was available. */
  defaultAnswerHandover?: { operatorId: string | null };
}

/** A run that changed the conversation records where it started, so a retry after a crash starts there too. */
export interface RunCheckpoint {
  variables: Record<string, string>;
  status: string;
}

export interface RuleLog extends RuleLogEntry {
  id: string;
  conversationId: string;
  createdAt: string;
}

type Stored = RuleLogEntry & { state?: 'running' | 'done'; checkpoint?: RunCheckpoint };

type RuleLogRow = Selectable<RuleLogsTable>;

// Prepared once: a visitor message's run writes one or both (see prepareQuery).
const insertCheckpoint = prepareQuery((db, p: RuleLogRow) =>
  db
    .insertInto('rule_logs')
    .values(p)
    .onConflict((oc) => oc.column('job_id').doNothing()),
);
const upsertJobLog = prepareQuery((db, p: RuleLogRow) =>
  db
    .insertInto('rule_logs')
    .values(p)
    .onConflict((oc) => oc.column('job_id').doUpdateSet({ entry: p.entry, matched_count: p.matched_count })),
);

/**
 * Written (once per job) just before the first change a run makes; a retried job reads it back
 * and replays from the same variables and status instead of the ones the crashed run left.
 */
export async function saveCheckpoint(db: Db, ids: JobIds, checkpoint: RunCheckpoint): Promise<void> {
  const entry: Stored = {
    messageId: ids.messageId,
    rules: [],
    actions: [],
    errors: [],
    unknownVariables: [],
    state: 'running',
    checkpoint,
  };
  await insertCheckpoint(db, row(ids, entry, 0));
}

export type PreviousRun =
  | { state: 'none' }
  | { state: 'running'; checkpoint: RunCheckpoint }
  | { state: 'done' };

export async function previousRun(db: Db, tenantId: string, jobId: string): Promise<PreviousRun> {
  const found = await db
    .selectFrom('rule_logs')
    .select('entry')
    .where('tenant_id', '=', tenantId)
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  if (!found) return { state: 'none' };
  const entry = JSON.parse(found.entry) as Stored;
  if (entry.state === 'running' && entry.checkpoint)
    return { state: 'running', checkpoint: entry.checkpoint };
  return { state: 'done' };
}

export interface JobIds {
  tenantId: string;
  conversationId: string;
  messageId: string | null;
  /** null for runs outside the queue (POST /rules/test with execute). */
  jobId: string | null;
}

export async function writeRuleLog(
  db: Db,
  ids: JobIds,
  entry: RuleLogEntry,
  matchedCount: number,
): Promise<void> {
  const stored: Stored = { ...entry, state: 'done' };
  const values = row(ids, stored, matchedCount);
  if (!ids.jobId) {
    await db.insertInto('rule_logs').values(values).execute();
    return;
  }
  await upsertJobLog(db, values);
}

export async function listRuleLogs(
  db: Db,
  tenantId: string,
  query: { conversationId?: string; limit: number; offset: number },
): Promise<{ logs: RuleLog[]; total: number }> {
  let base = db.selectFrom('rule_logs').where('tenant_id', '=', tenantId);
  if (query.conversationId) base = base.where('conversation_id', '=', query.conversationId);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const logs = rows.map((r): RuleLog => {
    const { state: _state, checkpoint: _checkpoint, ...entry } = JSON.parse(r.entry) as Stored;
    return { id: r.id, conversationId: r.conversation_id, ...entry, createdAt: r.created_at };
  });
  return { logs, total: Number(count.n) };
}

function row(ids: JobIds, entry: Stored, matchedCount: number) {
  return {
    id: newId(),
    tenant_id: ids.tenantId,
    conversation_id: ids.conversationId,
    message_id: ids.messageId,
    job_id: ids.jobId,
    matched_count: matchedCount,
    entry: JSON.stringify(entry),
    created_at: nowIso(),
  };
}
