import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * The widget API is public, so its writes are budgeted: PARLEY_WIDGET_RATE_LIMIT_PER_MIN new
 * conversations per client address, and as many messages per conversation, per minute (shared
 * through Redis when configured). A flood costs a visitor a 429, never the tenant's AI credits.
 */
export async function registerWidgetRateLimit(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    max: ctx.config.widgetRateLimitPerMin,
    timeWindow: 60_000,
    redis: ctx.redis,
    nameSpace: ctx.redisKeyPrefix('widget-ratelimit'),
    // Visitors keep chatting through a Redis outage (uncounted), as with the Tenant API's limit.
    skipOnError: true,
    enableDraftSpec: true,
    keyGenerator: (request: FastifyRequest) => {
      const id = conversationId(request);
      return id ? `conversation:${id}` : `address:${request.ip}`;
    },
    errorResponseBuilder: (request, context) => {
      const wait = `please wait ${Math.ceil(context.ttl / 1000)} s.`;
      return new AppError(
        'RATE_LIMITED',
        conversationId(request)
          ? `Too many messages; ${wait}`
          : `Too many new conversations from this address; ${wait}`,
      );
    },
  });
}

/** Messages are budgeted per conversation (`:id`), new conversations per client address. */
function conversationId(request: FastifyRequest): string | undefined {
  return (request.params as { id?: string } | undefined)?.id;
}

/** Route option that puts a route under the widget budget. */
export const widgetRateLimited = { rateLimit: {} };
