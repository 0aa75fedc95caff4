import type { FastifyInstance } from 'fastify';
import { envelope } from './error-handler.ts';

/**
 * A NUL (%00) in a path or query value is refused before any route runs: PostgreSQL cannot store or
 * compare it (it answered 400 there while SQLite quietly searched for it), so both databases now
 * answer alike, and before authentication, as for any other malformed URL.
 */
export function refuseNulInUrl(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request and almost never answers.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.includes('%00')) return done();
    reply.status(400).send(envelope('VALIDATION_ERROR', 'The URL may not contain the NUL character (%00).'));
  });
}
