import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { postVisitorMessage } from '../conversations/post-message.ts';
import { startConversation } from '../conversations/start-conversation.ts';
import { authenticateVisitor, bearerToken } from '../conversations/visitor-token.ts';
import { listVisitorTranscript } from '../conversations/visitor-transcript.ts';
import {
  findActiveWidget,
  findPublicWidget,
  getWidgetIdentitySecret,
  unservableWidget,
} from '../conversations/widgets/widgets.ts';
import { isUuid } from '../db/ids.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { checkVisitorIdentity, identityFailureMessage } from '../visitor-identity/visitor-identity.ts';
import { originAllowed, withdrawCorsGrant } from './cors.ts';
import { requireVisitor } from './visitor-auth.ts';
import {
  conversationParams,
  startConversationBody,
  transcriptQuery,
  visitorMessageBody,
  widgetParams,
  widgetSettingsQuery,
} from './widget-api.schema.ts';
import { widgetRateLimited } from './widget-rate-limit.ts';

const tags = ['widget'];

export const widgetConversationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:widgetId',
      {
        schema: {
          tags,
          summary: "A widget's public settings (name, colour, position)",
          description:
            'A switched-off widget answers 404, except to a visitor of one of its conversations (`conversationId` plus `Authorization: Bearer <visitorToken>`): a visitor who reloads the page mid-chat keeps the chat.',
          params: widgetParams,
          querystring: widgetSettingsQuery,
        },
      },
      async (request) => {
        const { widgetId } = request.params;
        const widget =
          (await findActiveWidget(ctx.db, widgetId)) ??
          (await switchedOffWidgetOfVisitor(
            widgetId,
            request.query.conversationId,
            request.headers.authorization,
          ));
        if (!widget) throw await unservableWidget(ctx.db, widgetId);
        const { id, name, primaryColor, position, aiEnabled, translationEnabled } = widget;
        // Tells the script whether this page may chat, so it stays hidden (with a hint for the site's
        // developer) instead of showing a chat whose every message fails. The list itself stays private.
        // No Origin (a same-origin GET, a server): nothing to judge here; the conversation start still checks.
        const origin = request.headers.origin;
        const originAllowedHere = origin === undefined || originAllowed(widget.allowedOrigins, origin);
        return {
          data: {
            id,
            name,
            primaryColor,
            position,
            aiEnabled,
            translationEnabled,
            originAllowed: originAllowedHere,
          },
        };
      },
    );

    /** The widget, switched off or not, when the caller holds a visitor token of one of its conversations. */
    async function switchedOffWidgetOfVisitor(
      widgetId: string,
      conversationId: string | undefined,
      authorization: string | undefined,
    ) {
      if (!conversationId || !isUuid(conversationId)) return undefined;
      const session = await authenticateVisitor(ctx.db, conversationId, bearerToken(authorization));
      if (session?.widgetId !== widgetId) return undefined;
      return findPublicWidget(ctx.db, widgetId, { activeOnly: false });
    }

    app.post(
      '/:widgetId/conversations',
      {
        config: widgetRateLimited,
        schema: {
          tags,
          summary: 'Start a conversation; returns the visitor token that opens it',
          params: widgetParams,
          body: startConversationBody,
        },
      },
      async (request, reply) => {
        const widget = await findActiveWidget(ctx.db, request.params.widgetId);
        if (!widget) throw await unservableWidget(ctx.db, request.params.widgetId);
        if (!originAllowed(widget.allowedOrigins, request.headers.origin)) {
          withdrawCorsGrant(reply);
          throw new AppError('FORBIDDEN', 'This widget cannot be used from this origin.');
        }
        const secret = await getWidgetIdentitySecret(ctx, widget.tenantId, widget.id);
        const identity = checkVisitorIdentity(secret, request.body);
        if (!identity.ok) throw new AppError('FORBIDDEN', identityFailureMessage[identity.reason]);
        const variables = identity.verified ? identity.variables : undefined;
        const started = await startConversation(ctx, widget, { ...request.body, variables });
        return reply
          .status(201)
          .send({ data: { conversationId: started.conversation.id, visitorToken: started.visitorToken } });
      },
    );

    app.post(
      '/conversations/:id/messages',
      {
        config: widgetRateLimited,
        schema: {
          tags,
          summary: 'Send a visitor message (stored before the 201; replies arrive as events)',
          params: conversationParams,
          body: visitorMessageBody,
        },
      },
      async (request, reply) => {
        const session = await requireVisitor(ctx, request, reply, request.params.id);
        const message = await postVisitorMessage(ctx, {
          tenantId: session.tenantId,
          conversationId: session.conversationId,
          content: request.body.content,
        });
        if (!message) throw notFound('Conversation');
        return reply.status(201).send({ data: { message } });
      },
    );

    app.get(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          summary:
            "The visitor's transcript, oldest first: the latest `limit` (`offset` pages back), or with `after` the messages after that one (`offset` pages on)",
          params: conversationParams,
          querystring: transcriptQuery,
        },
      },
      async (request, reply) => {
        const session = await requireVisitor(ctx, request, reply, request.params.id);
        const { after, limit, offset } = request.query;
        const result = await listVisitorTranscript(ctx.db, session.conversationId, { after, limit, offset });
        if (!result.ok) {
          throw badRequest('after is not a message of this conversation.', [
            { path: 'querystring.after', message: 'Unknown message' },
          ]);
        }
        return { data: result.messages, meta: { limit, offset, total: result.total } };
      },
    );
  };
