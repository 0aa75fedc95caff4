import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { prepareQuery } from '../../db/prepared-query.ts';
import type { MessageJobsTable } from '../conversation.tables.ts';
import type { MessageJob } from './message-processor.ts';
import type { RunnerSlot } from './runner-slot.ts';

export interface NewJob {
  tenantId: string;
  conversationId: string;
  messageId: string;
  widgetId: string;
  seq: number;
  now: string;
}

// Prepared once: every visitor message runs both (see prepareQuery).
const findUnfinishedJob = prepareQuery((db, p: { conversationId: string }) =>
  db
    .selectFrom('message_jobs')
    .select('id')
    .where('conversation_id', '=', p.conversationId)
    .where('status', 'in', ['pending', 'running'])
    .limit(1),
);
const insertJob = prepareQuery((db, p: Selectable<MessageJobsTable>) =>
  db.insertInto('message_jobs').values(p),
);

export interface QueuedJob {
  /** Stored claimed by the runner slot: start it after commit. */
  claimed?: { job: MessageJob; slot: RunnerSlot };
  /** An earlier job of the conversation is unfinished: whoever finishes it claims this one. */
  behindEarlier: boolean;
}

/**
 * Queues the processing job of a visitor message, inside the transaction that stores the message
 * (after its conversation row was locked, so no other writer of the conversation runs meanwhile).
 * When no earlier job of the conversation is pending or running and `reserve` yields a slot of
 * this process's runner, the job is stored already claimed by it: the caller starts it after
 * commit. Otherwise it waits as `pending` for the runner that finishes the conversation's
 * previous job, a free slot, or the poll.
 */
export async function queueJob(
  trx: Db,
  input: NewJob,
  reserve?: () => RunnerSlot | undefined,
): Promise<QueuedJob> {
  let slot: RunnerSlot | undefined;
  let behindEarlier = false;
  if (reserve) {
    const earlier = await findUnfinishedJob(trx, { conversationId: input.conversationId });
    behindEarlier = earlier.rows.length > 0;
    if (!behindEarlier) slot = reserve();
  }
  const id = newId();
  await insertJob(trx, {
    id,
    tenant_id: input.tenantId,
    conversation_id: input.conversationId,
    message_id: input.messageId,
    widget_id: input.widgetId,
    seq: input.seq,
    status: slot ? 'running' : 'pending',
    attempts: slot ? 1 : 0,
    available_at: input.now,
    locked_by: slot?.runnerId ?? null,
    locked_until: slot?.lockedUntil ?? null,
    last_error: null,
    created_at: input.now,
  });
  if (!slot) return { behindEarlier };
  const { tenantId, conversationId, messageId, widgetId, seq } = input;
  return {
    behindEarlier,
    claimed: { slot, job: { id, tenantId, conversationId, messageId, widgetId, seq, attempt: 1 } },
  };
}
