import type { FastifyInstance } from 'fastify';
import { envelope } from './error-handler.ts';

/** Seconds a client should wait before retrying (a restarted or another instance takes over). */
const RETRY_AFTER_S = '5';

/**
 * Requests that arrive while the server drains (pipelined, or on a busy keep-alive connection the
 * shutdown cannot close yet) get SPEC §2's 503 envelope with Retry-After, before any hook or
 * handler runs, instead of Fastify's own `{"error":"Service Unavailable",…}`. Fastify marks these
 * responses `Connection: close`, so the client's next request opens a connection elsewhere.
 */
export function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // A callback hook, not an async one: it runs on every request and almost never answers.
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply
      .status(503)
      .header('retry-after', RETRY_AFTER_S)
      .send(envelope('UNAVAILABLE', 'This server is shutting down; retry the request in a few seconds.'));
  });
}
