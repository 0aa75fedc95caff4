import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { pingDatabase } from '../db/database.ts';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { schema: { tags: ['health'] } }, async () => ({ data: { status: 'ok' } }));
  // Ready means the database answers. Redis is shown but not required: every process shares it,
  // so failing readiness on it would take the whole installation out of the load balancer, while
  // the processes keep serving through a Redis outage (see realtime/redis-connection.ts).
  app.get('/readyz', { schema: { tags: ['health'] } }, async (_request, reply) => {
    const redis = !ctx.redis ? 'off' : ctx.redis.status === 'ready' ? 'ok' : 'unreachable';
    try {
      await pingDatabase(ctx.db);
      return { data: { status: 'ready', database: ctx.dbKind, redis } };
    } catch (error) {
      reply.log.warn({ err: error }, 'readiness check failed');
      return reply
        .status(503)
        .send({ error: { code: 'UNAVAILABLE', message: 'Not ready: the database is unreachable.' } });
    }
  });
}
