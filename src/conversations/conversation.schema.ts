import { z } from 'zod';
import { lowerCaseUuid } from '../db/ids.ts';
import { pageParam, pageQuery } from '../http/page-query.ts';

export const conversationStatuses = ['open', 'pending', 'closed'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

export const messageRoles = ['visitor', 'ai', 'operator', 'system'] as const;
export type MessageRole = (typeof messageRoles)[number];

export const MAX_MESSAGE_LENGTH = 10_000;

/** A conversation as `GET /conversations` shows it (seed 004). */
export interface Conversation {
  id: string;
  widgetId: string;
  visitorId: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
  visitorLanguage: string | null;
  status: ConversationStatus;
  assignedTo: string | null;
  lastMessageAt: string;
  startedAt: string;
}

/**
 * A message as every API shows it (seed 004), plus `conversationId` so that a WebSocket frame's
 * `data` is exactly this resource and an integration can route it.
 */
export interface Message {
  id: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  contentLanguage: string | null;
  translatedContent: string | null;
  translatedLanguage: string | null;
  isAutoReply: boolean;
  createdAt: string;
}

export interface ConversationDetail extends Conversation {
  variables: Record<string, string>;
  /** Oldest first; the most recent `limit` when there are more. */
  messages: Message[];
}

export const messageContentSchema = z
  .string()
  .max(MAX_MESSAGE_LENGTH, `content must be at most ${MAX_MESSAGE_LENGTH} characters`)
  .refine((s) => s.trim().length > 0, 'content must not be empty');

export const listConversationsQuery = z.object({
  status: z.enum(conversationStatuses).optional(),
  widgetId: z.uuid().optional(),
  ...pageQuery(20, 100).shape,
});

export const conversationDetailQuery = z
  .object({
    limit: pageParam('limit', 50, 1, 200),
    before: z.string().min(1).max(100).optional(),
    after: z.string().min(1).max(100).optional(),
  })
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: 'give before or after, not both',
    path: ['after'],
  });

export const tenantMessageBody = z.object({
  content: messageContentSchema,
  role: z.enum(['system', 'operator']).default('system'),
});

export const updateConversationBody = z
  .object({
    status: z.enum(conversationStatuses).optional(),
    assignedTo: z.uuid().overwrite(lowerCaseUuid).nullable().optional(),
  })
  .refine((b) => b.status !== undefined || b.assignedTo !== undefined, 'Give status and/or assignedTo.');
export type UpdateConversationInput = z.infer<typeof updateConversationBody>;
