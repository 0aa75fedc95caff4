import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * CORS for the public widget API: pages on other origins call it from the browser. Credentials are
 * bearer tokens, never cookies, so echoing the caller's origin exposes nothing; a widget's
 * `allowedOrigins` is enforced where a visitor gets a token (see `forbidOrigin`).
 */
export function registerWidgetCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
  });

  app.options('/*', { schema: { hide: true } }, async (_request, reply) => {
    reply
      .header('access-control-allow-methods', 'GET, POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600');
    return reply.status(204).send();
  });
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
