import { type Selectable, sql } from 'kysely';
import { newId } from '../db/ids.ts';
import { prepareQuery } from '../db/prepared-query.ts';
import { nowIso } from '../db/time.ts';
import { recordEvent, type Trx } from '../realtime/domain-events.ts';
import type { Message, MessageRole } from './conversation.schema.ts';
import type { MessagesTable } from './conversation.tables.ts';
import { type QueuedJob, queueJob } from './pipeline/queue-job.ts';
import type { RunnerSlot } from './pipeline/runner-slot.ts';
import { conversationColumns, toConversation, toMessage } from './to-resources.ts';

export interface AppendMessageInput {
  tenantId: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  /** Defaults to the visitor's language for visitor messages, null otherwise. */
  contentLanguage?: string | null;
  translatedContent?: string | null;
  translatedLanguage?: string | null;
  isAutoReply?: boolean;
  /** Set for replies of a processing job: the same (job, index) is stored at most once. */
  jobReply?: { jobId: string; index: number };
  /** Visitor messages: queue the processing job in the same transaction, claimed by a reserved runner slot if one is free. */
  queueJob?: boolean | { reserve(): RunnerSlot | undefined };
}

/** Thrown inside the transaction to roll back the seq bump when a job's reply already exists. */
export class DuplicateReply extends Error {
  readonly existing: Message;
  constructor(existing: Message) {
    super('This job already posted this reply.');
    this.existing = existing;
  }
}

// The two statements of every stored message, prepared once (see prepareQuery).
const bumpSeq = prepareQuery((db, p: { tenantId: string; conversationId: string; now: string }) =>
  db
    .updateTable('conversations')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      // Keep the newest time even if a writer that computed an older `now` commits later.
      last_message_at: sql<string>`case when last_message_at > ${p.now} then last_message_at else ${p.now} end`,
    }))
    .where('tenant_id', '=', p.tenantId)
    .where('id', '=', p.conversationId)
    .returning(['last_seq', 'last_message_at', 'widget_id', 'visitor_language', 'status']),
);

/** Reopens a closed conversation and fills in a visitor language nobody stated. */
const updateAfterVisitorMessage = prepareQuery(
  (db, p: { tenantId: string; conversationId: string; language: string | null }) =>
    db
      .updateTable('conversations')
      .set({
        status: sql<string>`case when status = 'closed' then 'open' else status end`,
        visitor_language: sql<string | null>`coalesce(visitor_language, ${p.language})`,
      })
      .where('tenant_id', '=', p.tenantId)
      .where('id', '=', p.conversationId)
      .returning([...conversationColumns]),
);

const insertMessage = prepareQuery((db, p: Selectable<MessagesTable>) =>
  db
    .insertInto('messages')
    .values(p)
    .onConflict((oc) => oc.columns(['job_id', 'job_reply_index']).doNothing()),
);

/**
 * Stores one message inside `trx` and records its `message.created` event. The first statement bumps
 * the conversation's `last_seq` — which also takes the row's write lock, so concurrent writers to one
 * conversation get strictly increasing seqs in commit order, on PostgreSQL and SQLite alike.
 * Returns undefined when the conversation is unknown or another tenant's.
 */
export async function appendMessage(
  trx: Trx,
  input: AppendMessageInput,
): Promise<{ message: Message; widgetId: string; queued?: QueuedJob } | undefined> {
  const [conversation] = (
    await bumpSeq(trx, { tenantId: input.tenantId, conversationId: input.conversationId, now: nowIso() })
  ).rows;
  if (!conversation) return undefined;
  // The clock was read before the row lock was granted: on PostgreSQL a writer that waited for it
  // would otherwise store an older createdAt after a newer message. The bumped last_message_at is
  // never below the previous message's time, so createdAt follows seq order.
  const now = conversation.last_message_at;

  const row = {
    id: newId(),
    tenant_id: input.tenantId,
    conversation_id: input.conversationId,
    seq: Number(conversation.last_seq),
    role: input.role,
    content: input.content,
    content_language:
      input.contentLanguage !== undefined
        ? input.contentLanguage
        : input.role === 'visitor'
          ? conversation.visitor_language
          : null,
    translated_content: input.translatedContent ?? null,
    translated_language: input.translatedLanguage ?? null,
    is_auto_reply: input.isAutoReply ? 1 : 0,
    job_id: input.jobReply?.jobId ?? null,
    job_reply_index: input.jobReply?.index ?? null,
    created_at: now,
  };
  // A retried job's reply that is already stored: the unique (job_id, job_reply_index) turns the
  // insert into a no-op (job_id is null otherwise, which never conflicts), and the throw rolls the
  // seq bump back.
  const inserted = await insertMessage(trx, row);
  if (input.jobReply && Number(inserted.numAffectedRows ?? 0) === 0) {
    const existing = await trx
      .selectFrom('messages')
      .selectAll()
      .where('job_id', '=', input.jobReply.jobId)
      .where('job_reply_index', '=', input.jobReply.index)
      .executeTakeFirstOrThrow();
    throw new DuplicateReply(toMessage(existing));
  }

  const queued = input.queueJob
    ? await queueJob(
        trx,
        {
          tenantId: input.tenantId,
          conversationId: input.conversationId,
          messageId: row.id,
          widgetId: conversation.widget_id,
          seq: row.seq,
          now,
        },
        input.queueJob === true ? undefined : input.queueJob.reserve,
      )
    : undefined;

  const message = toMessage(row);
  await recordEvent(trx, {
    type: 'message.created',
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    data: { ...message },
  });
  // A visitor writing into a closed conversation reopens it (as Chatwoot and Intercom do), so the
  // message reaches the inbox's open list instead of going unseen. A conversation started without
  // a language (an API client; the widget sends the browser's) takes the first one detected, so
  // `visitorLanguage` is there for a CRM sync and the inbox. That alone is no `conversation.updated`:
  // the message's own event carries the language, and an integration waiting for the next
  // conversation change (an assignment, a status) must not be handed this one first.
  const reopens = conversation.status === 'closed';
  const learnsLanguage = !conversation.visitor_language && row.content_language !== null;
  if (input.role === 'visitor' && (reopens || learnsLanguage)) {
    const [updated] = (
      await updateAfterVisitorMessage(trx, {
        tenantId: input.tenantId,
        conversationId: input.conversationId,
        language: row.content_language,
      })
    ).rows;
    if (updated && reopens) {
      await recordEvent(trx, {
        type: 'conversation.updated',
        tenantId: input.tenantId,
        conversationId: input.conversationId,
        data: { ...toConversation(updated) },
      });
    }
  }
  return { message, widgetId: conversation.widget_id, queued };
}
