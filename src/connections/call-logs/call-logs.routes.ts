import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { pageQuery } from '../../http/page-query.ts';
import { listCallLogs } from './list-call-logs.ts';

const query = z.object({
  connectionId: z.string().max(100).optional(),
  endpointId: z.string().max(100).optional(),
  conversationId: z.string().max(100).optional(),
  ...pageQuery(50, 200).shape,
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
