import { sql } from 'kysely';
import type { Db, DbKind } from '../../db/database.ts';
import { toIso } from '../../db/time.ts';
import { leaseOwnerGone } from './lease-owner.ts';
import type { MessageJob } from './message-processor.ts';

export interface JobRow {
  id: string;
  tenant_id: string;
  conversation_id: string;
  message_id: string;
  widget_id: string;
  seq: number;
  attempts: number;
}

export const later = (ms: number, now = Date.now()) => toIso(new Date(now + ms));

/**
 * Claims up to `limit` runnable jobs for `runnerId` in one statement. A job is runnable when it is
 * pending (and due) or its runner's lease expired, AND no earlier job of its conversation is still
 * pending or running — so at most one job per conversation is ever in progress, and in seq order,
 * whichever process claims it. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several runners claim
 * concurrently without waiting on each other; SQLite serialises writers, so the statement is atomic.
 */
export async function claimJobs(
  db: Db,
  kind: DbKind,
  options: { runnerId: string; limit: number; leaseMs: number },
): Promise<MessageJob[]> {
  const nowMs = Date.now();
  const now = toIso(new Date(nowMs));
  const candidates = sql`
    select j.id from message_jobs j
    where ((j.status = 'pending' and j.available_at <= ${now}) or (j.status = 'running' and j.locked_until < ${now}))
      and not exists (
        select 1 from message_jobs e
        where e.conversation_id = j.conversation_id and e.seq < j.seq and e.status in ('pending', 'running'))
    order by j.available_at, j.seq
    limit ${options.limit}`;
  const picked =
    kind === 'postgres'
      ? sql`id = any(array(${candidates} for update of j skip locked))`
      : sql`id in (${candidates})`;
  const result = await sql<JobRow>`
    update message_jobs
    set status = 'running', locked_by = ${options.runnerId}, locked_until = ${later(options.leaseMs, nowMs)},
        attempts = attempts + 1
    where ${picked}
    returning id, tenant_id, conversation_id, message_id, widget_id, seq, attempts`.execute(db);
  return result.rows.map(toJob).sort((a, b) => a.seq - b.seq);
}

export const toJob = (row: JobRow): MessageJob => ({
  id: row.id,
  tenantId: row.tenant_id,
  conversationId: row.conversation_id,
  messageId: row.message_id,
  widgetId: row.widget_id,
  seq: Number(row.seq),
  attempt: Number(row.attempts),
});

/** Schedules a retry with exponential backoff, or gives up after `maxAttempts` (later jobs then proceed). */
export async function failJob(
  db: Db,
  job: MessageJob,
  runnerId: string,
  error: string,
  options: { maxAttempts: number; retryBaseMs: number },
): Promise<'retry' | 'failed'> {
  const giveUp = job.attempt >= options.maxAttempts;
  await db
    .updateTable('message_jobs')
    .set({
      status: giveUp ? 'failed' : 'pending',
      available_at: later(options.retryBaseMs * 2 ** (job.attempt - 1)),
      locked_by: null,
      locked_until: null,
      last_error: error.slice(0, 2000),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', runnerId)
    .execute();
  return giveUp ? 'failed' : 'retry';
}

/** Extends the lease of every job this runner holds (one statement per heartbeat, not per job). */
export async function renewLeases(db: Db, runnerId: string, leaseMs: number): Promise<void> {
  await db
    .updateTable('message_jobs')
    .set({ locked_until: later(leaseMs) })
    .where('locked_by', '=', runnerId)
    .where('status', '=', 'running')
    .execute();
}

/** Hands this runner's unfinished jobs back to the queue at shutdown, so the next runner starts them at once. */
export async function releaseJobs(db: Db, runnerId: string, jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await db
    .updateTable('message_jobs')
    .set((eb) => ({
      status: 'pending',
      locked_by: null,
      locked_until: null,
      attempts: eb('attempts', '-', 1),
    }))
    .where('locked_by', '=', runnerId)
    .where('status', '=', 'running')
    .where('id', 'in', jobIds)
    .execute();
}

/** A job whose runner died `maxAttempts` times (a poison message) is parked as failed instead of retried forever. */
export async function failAbandonedJobs(db: Db, maxAttempts: number): Promise<void> {
  const now = toIso(new Date());
  await db
    .updateTable('message_jobs')
    .set({ status: 'failed', locked_by: null, last_error: 'Its runner stopped responding too many times.' })
    .where('status', '=', 'running')
    .where('locked_until', '<', now)
    .where('attempts', '>=', maxAttempts)
    .execute();
}

/**
 * Ends the job leases of runners whose process is gone. Only for start-up on SQLite, where one
 * process owns the database file: jobs still `running` then belong to a process that died (kill -9,
 * power loss), and waiting out their lease would stall those conversations. They stay `running`
 * with an expired lease, so the claim takes them at once and a job that keeps killing its process
 * is still parked after `maxAttempts` (failAbandonedJobs). Returns how many leases it ended.
 */
export async function expireJobLeasesOfDeadRunners(db: Db): Promise<number> {
  const holders = await db
    .selectFrom('message_jobs')
    .select('locked_by')
    .distinct()
    .where('status', '=', 'running')
    .where('locked_by', 'is not', null)
    .execute();
  const gone = holders.map((h) => h.locked_by as string).filter((id) => leaseOwnerGone(id));
  if (gone.length === 0) return 0;
  const result = await db
    .updateTable('message_jobs')
    .set({ locked_until: toIso(new Date(0)) })
    .where('status', '=', 'running')
    .where('locked_by', 'in', gone)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
