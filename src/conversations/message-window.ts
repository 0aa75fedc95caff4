import type { Db } from '../db/database.ts';
import type { Message } from './conversation.schema.ts';
import { messageColumns, toMessage } from './to-resources.ts';

/** Which messages of a conversation to show: the newest `limit`, or `limit` either side of a message. */
export interface MessageWindow {
  limit: number;
  /** Messages older than this one (paging back through a long conversation). */
  before?: string;
  /** Messages newer than this one (catching up, or exporting from the start). */
  after?: string;
}

export type MessageWindowResult =
  | { ok: true; messages: Message[] }
  | { ok: false; unknown: 'before' | 'after' };

/** The position of a message in its conversation, or undefined when it is not one of its messages. */
export async function messageSeq(
  db: Db,
  conversationId: string,
  messageId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('messages')
    .select('seq')
    .where('conversation_id', '=', conversationId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.seq);
}

/** Always oldest first, whichever end the window is taken from. */
export async function listMessageWindow(
  db: Db,
  conversationId: string,
  window: MessageWindow,
): Promise<MessageWindowResult> {
  let query = db
    .selectFrom('messages')
    .select([...messageColumns])
    .where('conversation_id', '=', conversationId);
  if (window.after !== undefined) {
    const seq = await messageSeq(db, conversationId, window.after);
    if (seq === undefined) return { ok: false, unknown: 'after' };
    const rows = await query.where('seq', '>', seq).orderBy('seq', 'asc').limit(window.limit).execute();
    return { ok: true, messages: rows.map(toMessage) };
  }
  if (window.before !== undefined) {
    const seq = await messageSeq(db, conversationId, window.before);
    if (seq === undefined) return { ok: false, unknown: 'before' };
    query = query.where('seq', '<', seq);
  }
  const rows = await query.orderBy('seq', 'desc').limit(window.limit).execute();
  return { ok: true, messages: rows.reverse().map(toMessage) };
}
