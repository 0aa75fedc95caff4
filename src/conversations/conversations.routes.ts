import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outgoingTranslation } from '../ai/translation/outgoing-translation.ts';
import type { AppContext } from '../context.ts';
import { assertNever, badRequest, notFound } from '../errors.ts';
import {
  conversationDetailQuery,
  listConversationsQuery,
  tenantMessageBody,
  updateConversationBody,
} from './conversation.schema.ts';
import { sqliteConversationPageJson } from './conversation-page-json.ts';
import { getConversationDetail, listConversations } from './conversations.ts';
import { postMessage } from './post-message.ts';
import { updateConversation } from './update-conversation.ts';
import { PENDING_RULE_VARIABLE, setVariables } from './variables.ts';

const idParams = z.object({ id: z.string() });
const tags = ['conversations'];

export const conversationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/conversations',
      {
        schema: {
          tags,
          summary: 'List conversations, most recent message first',
          querystring: listConversationsQuery,
        },
      },
      async (request, reply) => {
        const { limit, offset, status, widgetId } = request.query;
        const filter = { status, widgetId, limit, offset };
        const tenantId = request.auth.tenantId;
        if (ctx.dbKind === 'sqlite') {
          const body = await sqliteConversationPageJson(ctx.db, tenantId, filter);
          return reply.type('application/json; charset=utf-8').send(body);
        }
        const page = await listConversations(ctx.db, tenantId, filter);
        return { data: page.conversations, meta: { limit, offset, total: page.total } };
      },
    );

    app.get(
      '/conversations/:id',
      {
        schema: {
          tags,
          summary:
            'Get a conversation with its variables and messages (oldest first): the latest `limit`, or `limit` before/after a message',
          params: idParams,
          querystring: conversationDetailQuery,
        },
      },
      async (request) => {
        const detail = await getConversationDetail(
          ctx.db,
          request.auth.tenantId,
          request.params.id,
          request.query,
        );
        if (!detail) throw notFound('Conversation');
        if ('unknown' in detail) {
          const message = `${detail.unknown} is not a message of this conversation.`;
          throw badRequest(message, [{ path: `querystring.${detail.unknown}`, message: 'Unknown message' }]);
        }
        return { data: detail };
      },
    );

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Send a system or operator message; delivered to the visitor in real time',
          params: idParams,
          body: tenantMessageBody,
        },
      },
      async (request, reply) => {
        const message = await postMessage(
          ctx,
          {
            tenantId: request.auth.tenantId,
            conversationId: request.params.id,
            role: request.body.role,
            content: request.body.content,
            isAutoReply: false,
            // Operator messages reach the visitor in their language when the widget translates.
            ...(request.body.role === 'operator'
              ? await outgoingTranslation(ctx, {
                  tenantId: request.auth.tenantId,
                  conversationId: request.params.id,
                  content: request.body.content,
                })
              : {}),
          },
          // A teammate's message answers for the assistant: a question the bot was waiting on is dropped.
          request.body.role === 'operator'
            ? async (trx) => {
                await setVariables(trx, request.auth.tenantId, request.params.id, {
                  [PENDING_RULE_VARIABLE]: null,
                });
              }
            : undefined,
        );
        if (!message) throw notFound('Conversation');
        return reply.status(201).send({ data: message });
      },
    );

    app.patch(
      '/conversations/:id',
      {
        schema: {
          tags,
          summary: "Change a conversation's status or assignment",
          params: idParams,
          body: updateConversationBody,
        },
      },
      async (request) => {
        const result = await updateConversation(ctx, request.auth.tenantId, request.params.id, request.body);
        if (result.ok) return { data: result.conversation };
        switch (result.error) {
          case 'not_found':
            throw notFound('Conversation');
          case 'unknown_operator':
            throw badRequest('assignedTo is not one of your operators.', [
              { path: 'body.assignedTo', message: 'Unknown operator' },
            ]);
          default:
            return assertNever(result.error);
        }
      },
    );
  };
