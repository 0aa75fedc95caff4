import { z } from 'zod';
import { messageContentSchema } from '../conversations/conversation.schema.ts';
import { pageParam } from '../http/page-query.ts';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || undefined);

export const startConversationBody = z
  .object({
    visitorId: optionalText(200),
    visitorName: optionalText(200),
    visitorEmail: z
      .email()
      .max(320)
      .nullish()
      .transform((v) => v ?? undefined),
    /** BCP 47 tag such as "en" or "pt-BR". */
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, 'must be a language tag such as "en" or "pt-BR"')
      .nullish()
      .transform((v) => v ?? undefined),
    /** HMAC-SHA256(widget identitySecret, visitorId) in hex, from the host page's server (identity verification). */
    userHash: z.string().trim().max(200).optional(),
  })
  // A visitor may start a conversation without any body at all.
  .nullish()
  .transform((body) => body ?? {});

export const visitorMessageBody = z.object({ content: messageContentSchema });

export const transcriptQuery = z.object({
  after: z.string().max(100).optional(),
  limit: pageParam('limit', 100, 1, 200),
  offset: pageParam('offset', 0, 0, Number.MAX_SAFE_INTEGER),
});

export const widgetParams = z.object({ widgetId: z.string() });
/** With `Authorization: Bearer <visitorToken>`: the visitor's conversation, which keeps a switched-off widget showing. */
export const widgetSettingsQuery = z.object({ conversationId: z.string().max(100).optional() });
export const conversationParams = z.object({ id: z.string() });
export const socketQuery = z.object({ token: z.string().optional() });
