import { z } from 'zod';
import {
  type Conversation,
  type ConversationDetail,
  conversationStatuses,
  type Message,
  messageRoles,
} from '../../conversations/conversation.schema.ts';
import { type Operator, operatorRoles } from '../../conversations/operators/operator.schema.ts';
import { type Widget, widgetPositions } from '../../conversations/widgets/widget.schema.ts';
import type { ApiKeyView, IssuedApiKey } from '../../tenants/api-keys.ts';
import { dateTime, exactly, uuid } from './envelopes.ts';

/** Tenant API resources of seed 004 and SPEC §4, as the to-resource mappers build them. */

const language = () => z.string().describe('BCP 47 tag such as "en" or "pt-BR"');

export const widgetResource = exactly<Widget>()(
  z.object({
    id: uuid(),
    name: z.string(),
    isActive: z.boolean(),
    aiEnabled: z.boolean(),
    translationEnabled: z.boolean(),
    primaryColor: z.string().describe('A colour like #2563eb'),
    position: z.enum(widgetPositions),
    allowedOrigins: z.array(z.string()).describe('Origins that may embed the widget; empty: any'),
    identitySecret: z.string().nullable().describe('Masked ("****abcd"), or null when none is set'),
    createdAt: dateTime(),
  }),
);

export const operatorResource = exactly<Operator>()(
  z.object({
    id: uuid(),
    name: z.string(),
    email: z.email(),
    role: z.enum(operatorRoles),
    isAvailable: z.boolean(),
    createdAt: dateTime(),
  }),
);

export const apiKeyResource = exactly<ApiKeyView>()(
  z.object({
    id: uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the key, to recognise it'),
    createdAt: dateTime(),
    lastUsedAt: dateTime().nullable().describe('To the minute; null until first used'),
  }),
);

export const issuedApiKeyResource = exactly<IssuedApiKey>()(
  apiKeyResource.extend({ key: z.string().describe('The whole key (tak_…): shown only in this response') }),
);

export const conversationResource = exactly<Conversation>()(
  z.object({
    id: uuid(),
    widgetId: uuid(),
    visitorId: z.string().nullable(),
    visitorName: z.string().nullable(),
    visitorEmail: z.email().nullable(),
    visitorLanguage: language().nullable(),
    status: z.enum(conversationStatuses),
    assignedTo: uuid().nullable().describe('The operator the conversation is assigned to'),
    lastMessageAt: dateTime(),
    startedAt: dateTime(),
  }),
);

export const messageResource = exactly<Message>()(
  z.object({
    id: uuid(),
    conversationId: uuid(),
    role: z.enum(messageRoles),
    content: z.string(),
    contentLanguage: language().nullable(),
    translatedContent: z.string().nullable(),
    translatedLanguage: language().nullable(),
    isAutoReply: z.boolean(),
    createdAt: dateTime(),
  }),
);

export const conversationDetailResource = exactly<ConversationDetail>()(
  conversationResource.extend({
    variables: z
      .record(z.string(), z.string())
      .describe('Session variables (string values); internal ones are left out'),
    messages: z.array(messageResource).describe('Oldest first'),
  }),
);

export const billingBalanceResource = z.object({
  plan: z.string(),
  creditBalance: z.number().describe('AI replies stop when it reaches zero'),
  totalCreditsAdded: z.number(),
});
