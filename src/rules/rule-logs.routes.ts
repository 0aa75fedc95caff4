import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { pageQuery } from '../http/page-query.ts';
import { listRuleLogs } from './rule-logs.ts';
import { getRulesSettings, rulesSettingsSchema, updateRulesSettings } from './rules-settings.ts';

const logsQuery = z.object({
  conversationId: z.string().optional(),
  ...pageQuery(50, 200).shape,
});

/** The rule log (what the rules did with each visitor message) and the tenant's rule settings. */
export const ruleLogsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/rule-logs',
      {
        schema: {
          tags: ['rules'],
          summary:
            'Rule log, newest first: per visitor message, every evaluated rule, the actions taken and errors',
          querystring: logsQuery,
        },
      },
      async (request) => {
        const { conversationId, limit, offset } = request.query;
        const page = await listRuleLogs(ctx.db, request.auth.tenantId, { conversationId, limit, offset });
        return { data: page.logs, meta: { limit, offset, total: page.total } };
      },
    );

    app.get(
      '/settings/rules',
      { schema: { tags: ['rules'], summary: 'Rule settings (fallback reply)' } },
      async (request) => ({
        data: await getRulesSettings(ctx.db, request.auth.tenantId),
      }),
    );

    app.patch(
      '/settings/rules',
      {
        schema: {
          tags: ['rules'],
          summary: 'Change rule settings; fallbackReply null restores the default',
          body: rulesSettingsSchema.partial(),
        },
      },
      async (request) => ({ data: await updateRulesSettings(ctx.db, request.auth.tenantId, request.body) }),
    );
  };
