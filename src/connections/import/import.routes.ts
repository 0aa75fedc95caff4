import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { lowerCaseUuid } from '../../db/ids.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { authSchema } from '../connection.schema.ts';
import { importOpenApi } from './import-openapi.ts';

const body = z.object({
  /** JSON or YAML text, an http(s) URL, or the document itself as a JSON object. */
  spec: z.union([z.string().min(1).max(5_000_000), z.record(z.string(), z.unknown())]),
  connectionId: z.string().max(100).overwrite(lowerCaseUuid).optional(),
  auth: authSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
});

/** SPEC §6: endpoints (and a connection) from an OpenAPI 3 / Swagger 2 document, text or URL. */
export const importRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/connections/import/openapi',
      {
        schema: {
          tags: ['connections'],
          summary:
            'Import endpoints from an OpenAPI 3 / Swagger 2 document (a JSON object, JSON or YAML text, or an http(s) URL)',
          body,
        },
      },
      async (request, reply) => {
        const result = await importOpenApi(ctx, request.auth.tenantId, request.body);
        if (result.ok) {
          const { connection, endpoints, skipped, notes } = result;
          return reply.status(201).send({ data: { connection, endpoints, skipped, notes } });
        }
        if (result.reason === 'not_found') throw notFound('Connection');
        if (result.reason === 'upstream') throw new AppError('UPSTREAM_ERROR', result.message);
        throw badRequest(result.message, result.details ?? [{ path: 'body.spec', message: result.message }]);
      },
    );
  };
