import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { pageOf, smallListQuery } from '../http/page-query.ts';
import { apiKeyPrincipal, streamSocketsFor } from '../tenant-api/stream-credentials.ts';
import { issueApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';

const idParams = z.object({ id: z.string() });

export const apiKeyRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api-keys',
      { schema: { tags: ['api-keys'], summary: 'List active API keys', querystring: smallListQuery } },
      async (request) => pageOf(await listApiKeys(ctx.db, request.auth.tenantId), request.query),
    );

    app.post(
      '/api-keys',
      {
        schema: {
          tags: ['api-keys'],
          summary: 'Create an API key (the key is shown only in this response)',
          body: z.object({ name: z.string().trim().min(1).max(100) }),
        },
      },
      async (request, reply) => {
        const key = await issueApiKey(ctx.db, request.auth.tenantId, request.body.name);
        return reply.status(201).send({ data: key });
      },
    );

    app.delete(
      '/api-keys/:id',
      { schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: idParams } },
      async (request, reply) => {
        if (!(await revokeApiKey(ctx.db, request.auth.tenantId, request.params.id)))
          throw notFound('API key');
        streamSocketsFor(ctx.db).closeAll(apiKeyPrincipal(request.params.id), 'API key revoked.');
        return reply.status(204).send();
      },
    );
  };
