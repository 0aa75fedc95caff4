import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { conversationAllowedOrigins, widgetAllowedOrigins } from './preflight-origins.ts';

type AllowedOriginsOf = (request: FastifyRequest) => Promise<readonly string[] | undefined>;

/**
 * CORS for the public widget API: pages on other origins call it from the browser. Credentials are
 * bearer tokens, never cookies, so echoing the caller's origin exposes nothing; a widget's
 * `allowedOrigins` is enforced where a visitor starts a conversation or uses its token
 * (`requireVisitor`), which withdraw the grant from a refused origin.
 */
export function registerWidgetCors(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
  });

  // Where the URL names the widget or the conversation, a preflight from an origin the widget does
  // not allow gets no grant, as the request itself would not; elsewhere (widget.js, the public
  // settings, which answer any origin) and for unknown ids it stays open.
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const hidden = { schema: { hide: true } };
  const cannotTell = async () => undefined;
  app.options('/*', hidden, preflight(cannotTell));
  app.options(
    '/:widgetId/conversations',
    hidden,
    preflight((request) => widgetAllowedOrigins(ctx, params(request).widgetId)),
  );
  app.options(
    '/conversations/:id/messages',
    hidden,
    preflight((request) => conversationAllowedOrigins(ctx, params(request).id)),
  );
}

function preflight(allowedOriginsOf: AllowedOriginsOf) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin !== undefined) {
      const allowedOrigins = await allowedOriginsOf(request);
      if (allowedOrigins && !originAllowed(allowedOrigins, origin)) withdrawCorsGrant(reply);
    }
    reply
      .header('access-control-allow-methods', 'GET, POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600');
    return reply.status(204).send();
  };
}

/** A refused origin gets no CORS grant either, so the browser hides even the 403 from that page. */
export function withdrawCorsGrant(reply: FastifyReply): void {
  reply.removeHeader('access-control-allow-origin');
}

/** Empty list: any origin. Otherwise the request's `Origin` must be one of them (a missing one is refused). */
export function originAllowed(allowedOrigins: readonly string[], origin: string | undefined): boolean {
  if (allowedOrigins.length === 0) return true;
  if (!origin) return false;
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return false;
  }
  return allowedOrigins.includes(normalized);
}
