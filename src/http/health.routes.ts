import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { pingDatabase } from '../db/database.ts';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { schema: { tags: ['health'] } }, async () => ({ data: { status: 'ok' } }));
  app.get('/readyz', { schema: { tags: ['health'] } }, async (_request, reply) => {
    try {
      await pingDatabase(ctx.db);
      if (ctx.redis) await ctx.redis.ping();
      return { data: { status: 'ready', database: ctx.dbKind, redis: ctx.redis ? 'ok' : 'off' } };
    } catch (error) {
      reply.log.warn({ err: error }, 'readiness check failed');
      return reply
        .status(503)
        .send({ error: { code: 'INTERNAL', message: 'Not ready: the database or Redis is unreachable.' } });
    }
  });
}
