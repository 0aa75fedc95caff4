import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { badRequest } from '../../errors.ts';
import { pageOf, smallListQuery } from '../../http/page-query.ts';
import { createFromTemplate, templateSummary } from './create-from-template.ts';
import { connectionTemplates } from './index.ts';

const body = z
  .object({
    templateId: z.string().min(1).max(100),
    baseUrl: z.string().trim().max(2000).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    /** The template's inputs; they may also be given at the top level (`{"templateId", "accessToken"}`). */
    credentials: z.record(z.string(), z.string().max(4096)).optional(),
  })
  .catchall(z.string().max(4096));

/** Ready-made connections (WooCommerce, Shopify, two-step token auth, Zendesk, HubSpot). */
export const templateRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/connection-templates',
      {
        schema: {
          tags: ['connections'],
          summary: 'List ready-made connection templates',
          querystring: smallListQuery,
        },
      },
      async (request) => pageOf(connectionTemplates.map(templateSummary), request.query),
    );

    app.post(
      '/connections/from-template',
      {
        schema: {
          tags: ['connections'],
          summary: 'Create a connection, its endpoints and a suggested rule from a template',
          body,
        },
      },
      async (request, reply) => {
        const { templateId, baseUrl, name, credentials, ...rest } = request.body;
        const values = { ...(rest as Record<string, string>), ...credentials };
        const result = await createFromTemplate(ctx, request.auth.tenantId, {
          templateId,
          baseUrl,
          name,
          values,
        });
        if (result.ok) {
          const { connection, endpoints, rule, notes } = result;
          return reply.status(201).send({ data: { connection, endpoints, rule, notes } });
        }
        if (result.reason === 'not_found') {
          throw badRequest(`Unknown templateId "${templateId}".`, [
            {
              path: 'body.templateId',
              message: `Use one of: ${connectionTemplates.map((t) => t.id).join(', ')}`,
            },
          ]);
        }
        throw badRequest(result.message, result.details);
      },
    );
  };
