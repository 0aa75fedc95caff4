import type { Selectable } from 'kysely';
import type { Conversation, ConversationStatus, Message, MessageRole } from './conversation.schema.ts';
import type { ConversationsTable, MessagesTable } from './conversation.tables.ts';

export const conversationColumns = [
  'id',
  'widget_id',
  'visitor_id',
  'visitor_name',
  'visitor_email',
  'visitor_language',
  'status',
  'assigned_to',
  'last_message_at',
  'started_at',
] as const;

type ConversationRow = Pick<Selectable<ConversationsTable>, (typeof conversationColumns)[number]>;

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    widgetId: row.widget_id,
    visitorId: row.visitor_id,
    visitorName: row.visitor_name,
    visitorEmail: row.visitor_email,
    visitorLanguage: row.visitor_language,
    status: row.status as ConversationStatus,
    assignedTo: row.assigned_to,
    lastMessageAt: row.last_message_at,
    startedAt: row.started_at,
  };
}

export const messageColumns = [
  'id',
  'conversation_id',
  'role',
  'content',
  'content_language',
  'translated_content',
  'translated_language',
  'is_auto_reply',
  'created_at',
] as const;

type MessageRow = Pick<Selectable<MessagesTable>, (typeof messageColumns)[number]>;

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    role: row.role as MessageRole,
    content: row.content,
    contentLanguage: row.content_language,
    translatedContent: row.translated_content,
    translatedLanguage: row.translated_language,
    isAutoReply: Boolean(row.is_auto_reply),
    createdAt: row.created_at,
  };
}

/** Stored JSON documents are parsed defensively: a damaged value must not take the API down. */
export function parseVariables(text: string | null | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}
