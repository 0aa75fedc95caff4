import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Conversation, ConversationDetail, ConversationStatus } from './conversation.schema.ts';
import { listMessageWindow, type MessageWindow } from './message-window.ts';
import { conversationColumns, parseVariables, toConversation } from './to-resources.ts';
import { clientVisibleVariables } from './variables.ts';

export interface ConversationFilter {
  status?: ConversationStatus;
  widgetId?: string;
  limit: number;
  offset: number;
}

/**
 * Most recent message first (ties by id), with the total under the same filters. The total is a sum
 * over the trigger-maintained per-(widget, status) counts, so it costs the same at 100 or 100k rows.
 */
export async function listConversations(
  db: Db,
  tenantId: string,
  filter: ConversationFilter,
): Promise<{ conversations: Conversation[]; total: number }> {
  let query = db.selectFrom('conversations').where('tenant_id', '=', tenantId);
  let counts = db.selectFrom('conversation_counts').where('tenant_id', '=', tenantId);
  if (filter.status) {
    query = query.where('status', '=', filter.status);
    counts = counts.where('status', '=', filter.status);
  }
  if (filter.widgetId) {
    query = query.where('widget_id', '=', filter.widgetId);
    counts = counts.where('widget_id', '=', filter.widgetId);
  }
  const rows = await query
    .select([...conversationColumns])
    .orderBy('last_message_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const count = await counts.select(sql<number>`coalesce(sum(n), 0)`.as('total')).executeTakeFirstOrThrow();
  return { conversations: rows.map(toConversation), total: Number(count.total) };
}

export async function findConversation(
  db: Db,
  tenantId: string,
  id: string,
): Promise<Conversation | undefined> {
  const row = await db
    .selectFrom('conversations')
    .select([...conversationColumns])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toConversation(row);
}

/**
 * The conversation with its variables (internal ones left out) and a window of its messages, oldest
 * first: the most recent `limit`, or `limit` before/after a given message. `unknown` names a
 * cursor that is not one of its messages.
 */
export async function getConversationDetail(
  db: Db,
  tenantId: string,
  id: string,
  window: MessageWindow,
): Promise<ConversationDetail | { unknown: 'before' | 'after' } | undefined> {
  const row = await db
    .selectFrom('conversations')
    .select([...conversationColumns, 'variables'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const messages = await listMessageWindow(db, id, window);
  if (!messages.ok) return { unknown: messages.unknown };
  return {
    ...toConversation(row),
    variables: clientVisibleVariables(parseVariables(row.variables)),
    messages: messages.messages,
  };
}
