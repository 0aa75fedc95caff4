import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { authenticateVisitor, type VisitorSession } from '../conversations/visitor-token.ts';
import type { RealtimeEvent } from '../realtime/realtime-event.ts';
import { rejectPlainHttp } from '../realtime/reject-plain-http.ts';
import { CLOSE_UNAUTHORIZED, streamEventsTo } from '../realtime/stream-events.ts';
import { originAllowed } from './cors.ts';
import { conversationParams, socketQuery } from './widget-api.schema.ts';

const widgetEventTypes: ReadonlySet<RealtimeEvent['type']> = new Set([
  'message.created',
  'conversation.updated',
  'typing',
]);

// The session, or why it is refused; filled before the upgrade, read synchronously by the socket handler: no window in which an event is missed.
const sessions = new WeakMap<FastifyRequest, VisitorSession | string>();

/**
 * `GET /conversations/{id}/ws?token=…`: the conversation's events. Browsers cannot read an HTTP status
 * of a refused upgrade, so a bad token is answered by accepting and closing with code 4401. A plain
 * GET (no upgrade) is told to use a WebSocket client.
 */
export const widgetSocketRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      method: 'GET',
      url: '/conversations/:id/ws',
      // Hidden from the OpenAPI document like any `websocket: true` route (OpenAPI cannot describe it).
      schema: { tags: ['widget'], hide: true, params: conversationParams, querystring: socketQuery },
      preHandler: async (request) => {
        const session = await authenticateVisitor(ctx.db, request.params.id, request.query.token);
        const origin = request.headers.origin;
        // Browsers send Origin on upgrades: a token copied to another site's page is refused there too.
        if (session && origin !== undefined && !originAllowed(session.allowedOrigins, origin)) {
          sessions.set(request, 'This widget cannot be used from this origin.');
        } else {
          sessions.set(request, session ?? 'Invalid visitor token for this conversation.');
        }
      },
      handler: rejectPlainHttp,
      wsHandler: (socket, request) => {
        const session = sessions.get(request);
        if (typeof session !== 'object') {
          socket.close(CLOSE_UNAUTHORIZED, session ?? 'Invalid visitor token for this conversation.');
          return;
        }
        streamEventsTo(
          socket,
          (listener) => ctx.events.subscribeConversation(session.conversationId, listener),
          widgetEventTypes,
        );
      },
    });
  };
