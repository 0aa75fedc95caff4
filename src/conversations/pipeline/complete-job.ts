import { sql } from 'kysely';
import type { Db, DbKind } from '../../db/database.ts';
import { prepareQuery } from '../../db/prepared-query.ts';
import { toIso } from '../../db/time.ts';
import { type JobRow, later, toJob } from './message-jobs.ts';
import type { MessageJob } from './message-processor.ts';

// Prepared once: every finished job runs both (see prepareQuery).
const deleteJob = prepareQuery((db, p: { id: string; runnerId: string }) =>
  db.deleteFrom('message_jobs').where('id', '=', p.id).where('locked_by', '=', p.runnerId),
);
const claimNext = prepareQuery(
  (_db, p: { runnerId: string; lockedUntil: string; conversationId: string; now: string }) =>
    sql<JobRow>`
      update message_jobs
      set status = 'running', locked_by = ${p.runnerId}, locked_until = ${p.lockedUntil},
          attempts = attempts + 1
      where id = (
          select e.id from message_jobs e
          where e.conversation_id = ${p.conversationId} and e.status in ('pending', 'running')
          order by e.seq limit 1)
        and status = 'pending' and available_at <= ${p.now}
      returning id, tenant_id, conversation_id, message_id, widget_id, seq, attempts`,
);

/** Work a processor asks to commit together with its job's completion (e.g. the rule log). */
export type CompletionWrite = (trx: Db) => Promise<void>;

/**
 * Deletes a finished job (if this runner still owns it), so the queue table stays small, in one
 * transaction with the processor's completion writes; with `claimNext`, also claims the
 * conversation's next job when it is due, so it starts at once without a claim query. On
 * PostgreSQL the conversation row is locked first: a visitor message committing meanwhile either
 * sees this job gone (and stores its job claimed) or is seen here as pending.
 */
export async function completeJob(
  db: Db,
  kind: DbKind,
  job: MessageJob,
  options: { runnerId: string; leaseMs: number; writes: CompletionWrite[]; claimNext: boolean },
): Promise<MessageJob | undefined> {
  const run = async (trx: Db) => {
    if (options.claimNext && kind === 'postgres') {
      await sql`select id from conversations where id = ${job.conversationId} for update`.execute(trx);
    }
    for (const write of options.writes) await write(trx);
    await deleteJob(trx, { id: job.id, runnerId: options.runnerId });
    if (!options.claimNext) return undefined;
    return claimNextOfConversation(trx, job.conversationId, options);
  };
  // Without writes or a claim, the delete alone needs no transaction.
  if (!options.claimNext && options.writes.length === 0) return run(db);
  return db.transaction().execute(run);
}

/** The conversation's earliest unfinished job, if it is pending and due (retries wait for their time). */
async function claimNextOfConversation(
  trx: Db,
  conversationId: string,
  options: { runnerId: string; leaseMs: number },
): Promise<MessageJob | undefined> {
  const nowMs = Date.now();
  const [row] = (
    await claimNext(trx, {
      runnerId: options.runnerId,
      lockedUntil: later(options.leaseMs, nowMs),
      conversationId,
      now: toIso(new Date(nowMs)),
    })
  ).rows;
  return row ? toJob(row) : undefined;
}
