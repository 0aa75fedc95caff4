import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Message } from './conversation.schema.ts';
import { messageSeq } from './message-window.ts';
import { messageColumns, toMessage } from './to-resources.ts';

export type TranscriptResult =
  | { ok: true; messages: Message[]; total: number }
  | { ok: false; error: 'unknown_message' };

/**
 * The visitor's own transcript, oldest first. With `after` (a message id of this conversation):
 * the first `limit` messages after it — a reconnecting widget's catch-up — and `offset` pages on.
 * Without: the latest `limit`, and `offset` pages back towards the start. `total` counts every
 * message in that range, so a client knows whether to page on.
 */
export async function listVisitorTranscript(
  db: Db,
  conversationId: string,
  options: { after?: string; limit: number; offset?: number },
): Promise<TranscriptResult> {
  let afterSeq = 0;
  if (options.after) {
    const seq = await messageSeq(db, conversationId, options.after);
    if (seq === undefined) return { ok: false, error: 'unknown_message' };
    afterSeq = seq;
  }
  const range = db
    .selectFrom('messages')
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq);
  const rows = await range
    .select([...messageColumns])
    .orderBy('seq', options.after ? 'asc' : 'desc')
    .limit(options.limit)
    .offset(options.offset ?? 0)
    .execute();
  if (!options.after) rows.reverse();
  const count = await range.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  return { ok: true, messages: rows.map(toMessage), total: Number(count.total) };
}
