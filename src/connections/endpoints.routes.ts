import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, type ErrorDetail, notFound } from '../errors.ts';
import { endpointInputSchema, endpointPatchSchema } from './endpoint.schema.ts';
import {
  createEndpoint,
  deleteEndpoint,
  type EndpointWriteResult,
  endpointView,
  getEndpoint,
  listEndpoints,
  updateEndpoint,
} from './endpoints.repository.ts';
import { connectionsPageQuery, idParams, logDisabledRules } from './route-helpers.ts';
import { testEndpoint } from './test-endpoint.ts';

const tags = ['endpoints'];

const inBody = (d: ErrorDetail) => ({ path: `body.${d.path}`, message: d.message });

/** The saved endpoint; `warnings` (names it relies on without declaring them) only when there are any. */
function unwrap(result: EndpointWriteResult, what: string) {
  if (result.ok) {
    const warnings = result.warnings.map(inBody);
    return warnings.length > 0 ? { ...result.endpoint, warnings } : result.endpoint;
  }
  if (result.reason === 'not_found') throw notFound(what);
  const details = result.details.map(inBody);
  throw badRequest(
    `Invalid ${details[0]?.path ?? 'endpoint'}: ${details[0]?.message ?? 'invalid endpoint'}`,
    details,
  );
}

/** SPEC §6 endpoints: CRUD under a connection, and the "Test endpoint" button. */
export const endpointRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/connections/:id/endpoints',
      {
        schema: {
          tags,
          summary: "List a connection's endpoints",
          params: idParams,
          querystring: connectionsPageQuery,
        },
      },
      async (request) => {
        const { limit, offset } = request.query;
        const tenantId = request.auth.tenantId;
        const exists = await ctx.db
          .selectFrom('connections')
          .select('id')
          .where('id', '=', request.params.id)
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst();
        if (!exists) throw notFound('Connection');
        const page = await listEndpoints(ctx, tenantId, { connectionId: request.params.id, limit, offset });
        return { data: page.items, meta: { limit, offset, total: page.total } };
      },
    );

    app.post(
      '/connections/:id/endpoints',
      { schema: { tags, summary: 'Create an endpoint', params: idParams, body: endpointInputSchema } },
      async (request, reply) => {
        const result = await createEndpoint(ctx, request.auth.tenantId, request.params.id, request.body);
        return reply.status(201).send({ data: unwrap(result, 'Connection') });
      },
    );

    app.get(
      '/endpoints',
      { schema: { tags, summary: 'List all endpoints', querystring: connectionsPageQuery } },
      async (request) => {
        const { limit, offset } = request.query;
        const page = await listEndpoints(ctx, request.auth.tenantId, { limit, offset });
        return { data: page.items, meta: { limit, offset, total: page.total } };
      },
    );

    app.get(
      '/endpoints/:id',
      { schema: { tags, summary: 'Get an endpoint', params: idParams } },
      async (request) => {
        const endpoint = await getEndpoint(ctx, request.auth.tenantId, request.params.id);
        if (!endpoint) throw notFound('Endpoint');
        return { data: endpointView(endpoint) };
      },
    );

    app.patch(
      '/endpoints/:id',
      { schema: { tags, summary: 'Update an endpoint', params: idParams, body: endpointPatchSchema } },
      async (request) => {
        const result = await updateEndpoint(ctx, request.auth.tenantId, request.params.id, request.body);
        return { data: unwrap(result, 'Endpoint') };
      },
    );

    app.delete(
      '/endpoints/:id',
      {
        schema: {
          tags,
          summary: 'Delete an endpoint; enabled rules that call it are disabled',
          params: idParams,
        },
      },
      async (request, reply) => {
        const deleted = await deleteEndpoint(ctx, request.auth.tenantId, request.params.id);
        if (!deleted) throw notFound('Endpoint');
        logDisabledRules(request.log, request.auth.tenantId, deleted);
        return reply.status(204).send();
      },
    );

    app.post(
      '/endpoints/:id/test',
      {
        schema: {
          tags,
          summary:
            'Call an endpoint with sample variables (send: false previews the request). Upstream failures answer 200 with ok: false',
          params: idParams,
          body: z
            .object({
              variables: z.record(z.string(), z.unknown()).default({}),
              send: z.boolean().default(true),
            })
            .default({ variables: {}, send: true }),
        },
      },
      async (request) => {
        const { variables, send } = request.body;
        return { data: await testEndpoint(ctx, request.auth.tenantId, request.params.id, variables, send) };
      },
    );
  };
