import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { streamSocketsFor } from '../tenant-api/stream-credentials.ts';
import type { RealtimeEvent } from './realtime-event.ts';
import { rejectPlainHttp } from './reject-plain-http.ts';
import { streamEventsTo } from './stream-events.ts';

const tenantEventTypes: ReadonlySet<RealtimeEvent['type']> = new Set([
  'message.created',
  'conversation.created',
  'conversation.updated',
]);

/**
 * `GET /events` (WebSocket): every event of the authenticated tenant, for an operator inbox or an
 * integration. The tenant-api hook has already rejected a bad key with 401 before the upgrade; a
 * plain GET (no upgrade) is told to use a WebSocket client. The socket closes (4401) when its key is
 * revoked or its session ends.
 */
export const tenantEventRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const streamSockets = streamSocketsFor(ctx.db);
    ctx.onClose(() => streamSockets.stop());
    app.route({
      method: 'GET',
      url: '/events',
      // Hidden from the OpenAPI document like any `websocket: true` route (OpenAPI cannot describe it).
      schema: { tags: ['events'], hide: true },
      handler: rejectPlainHttp,
      wsHandler: (socket, request) => {
        const { tenantId, principal } = request.auth;
        streamSockets.add(principal, socket);
        streamEventsTo(
          socket,
          (listener) => ctx.events.subscribeTenant(tenantId, listener),
          tenantEventTypes,
        );
      },
    });
  };
