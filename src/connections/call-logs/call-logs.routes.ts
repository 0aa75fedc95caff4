import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { listCallLogs } from './list-call-logs.ts';

const query = z.object({
  connectionId: z.string().max(100).optional(),
  endpointId: z.string().max(100).optional(),
  conversationId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** SPEC §6: every outbound call (redacted URL, status, duration, error), newest first. */
export const callLogRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/call-logs',
      { schema: { tags: ['call-logs'], summary: 'List outbound API calls', querystring: query } },
      async (request) => {
        const { limit, offset } = request.query;
        const page = await listCallLogs(ctx, request.auth.tenantId, request.query);
        return { data: page.items, meta: { limit, offset, total: page.total } };
      },
    );
  };
