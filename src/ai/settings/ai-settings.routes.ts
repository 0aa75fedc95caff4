import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { badRequest } from '../../errors.ts';
import { pageQuery } from '../../http/page-query.ts';
import { listAiUsage } from '../credits/ai-usage.ts';
import { aiSettingsInputSchema } from './ai-settings.schema.ts';
import { loadAiConfig, resetAiProvider, saveAiSettings, updateAiPreferences, viewOf } from './ai-settings.ts';
import { testAiProvider } from './test-ai-provider.ts';

const tags = ['ai'];

/** GET|PUT|PATCH|DELETE /settings/ai, POST /settings/ai/test, GET /ai-usage. */
export const aiSettingsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/settings/ai',
      { schema: { tags, summary: 'The AI provider this tenant uses (key masked)' } },
      async (request) => ({
        data: viewOf(await loadAiConfig(ctx, request.auth.tenantId)),
      }),
    );

    app.put(
      '/settings/ai',
      {
        schema: {
          tags,
          summary: 'Use an own AI provider (omitting apiKey keeps the stored one)',
          body: aiSettingsInputSchema,
        },
      },
      async (request) => {
        const result = await saveAiSettings(ctx, request.auth.tenantId, request.body);
        if (!result.ok) throw badRequest('The AI settings are not valid.', result.details);
        return { data: result.view };
      },
    );

    app.patch(
      '/settings/ai',
      {
        schema: {
          tags,
          summary: 'Change the operators’ language or hand-over without touching the provider',
          body: aiSettingsInputSchema.pick({ language: true, handoverToOperator: true }),
        },
      },
      async (request) => ({ data: await updateAiPreferences(ctx, request.auth.tenantId, request.body) }),
    );

    app.delete(
      '/settings/ai',
      { schema: { tags, summary: 'Go back to the installation’s AI provider' } },
      async (request) => ({
        data: await resetAiProvider(ctx, request.auth.tenantId),
      }),
    );

    app.post(
      '/settings/ai/test',
      { schema: { tags, summary: 'Check that the AI provider answers' } },
      async (request) => ({
        data: await testAiProvider(ctx, request.auth.tenantId),
      }),
    );

    app.get(
      '/ai-usage',
      {
        schema: {
          tags,
          summary: 'AI calls and the credits they cost, newest first',
          querystring: z.object({
            conversationId: z.string().max(100).optional(),
            ...pageQuery(20, 100).shape,
          }),
        },
      },
      async (request) => {
        const { conversationId, limit, offset } = request.query;
        const { items, total } = await listAiUsage(ctx.db, request.auth.tenantId, {
          conversationId,
          limit,
          offset,
        });
        return { data: items, meta: { limit, offset, total } };
      },
    );
  };
