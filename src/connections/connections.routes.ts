import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { connectionInputSchema, connectionPatchSchema } from './connection.schema.ts';
import {
  createConnection,
  deleteConnection,
  getConnection,
  listConnections,
  updateConnection,
} from './connections.repository.ts';
import { connectionsPageQuery, idParams, logDisabledRules } from './route-helpers.ts';
import { testConnection } from './test-connection.ts';

const tags = ['connections'];

/** SPEC §6 connections: CRUD (secrets masked) and the "Test connection" button. */
export const connectionRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/connections',
      { schema: { tags, summary: 'List connections', querystring: connectionsPageQuery } },
      async (request) => {
        const { limit, offset } = request.query;
        const page = await listConnections(ctx, request.auth.tenantId, { limit, offset });
        return { data: page.items, meta: { limit, offset, total: page.total } };
      },
    );

    app.post(
      '/connections',
      {
        schema: {
          tags,
          summary: 'Create a connection (secrets are encrypted, shown masked)',
          body: connectionInputSchema,
        },
      },
      async (request, reply) => {
        const connection = await createConnection(ctx, request.auth.tenantId, request.body);
        return reply.status(201).send({ data: connection });
      },
    );

    app.get(
      '/connections/:id',
      { schema: { tags, summary: 'Get a connection', params: idParams } },
      async (request) => {
        const connection = await getConnection(ctx, request.auth.tenantId, request.params.id);
        if (!connection) throw notFound('Connection');
        return { data: connection };
      },
    );

    app.patch(
      '/connections/:id',
      {
        schema: {
          tags,
          summary: 'Update a connection; an omitted (or masked) secret keeps its stored value',
          params: idParams,
          body: connectionPatchSchema,
        },
      },
      async (request) => {
        const result = await updateConnection(ctx, request.auth.tenantId, request.params.id, request.body);
        if (result.ok) return { data: result.connection };
        if (result.reason === 'not_found') throw notFound('Connection');
        throw badRequest(result.message, [{ path: `body.${result.path}`, message: result.message }]);
      },
    );

    app.delete(
      '/connections/:id',
      {
        schema: {
          tags,
          summary: 'Delete a connection and its endpoints; enabled rules that call them are disabled',
          params: idParams,
        },
      },
      async (request, reply) => {
        const deleted = await deleteConnection(ctx, request.auth.tenantId, request.params.id);
        if (!deleted) throw notFound('Connection');
        logDisabledRules(request.log, request.auth.tenantId, deleted);
        return reply.status(204).send();
      },
    );

    app.post(
      '/connections/:id/test',
      {
        schema: {
          tags,
          summary:
            'Test a connection (OAuth2: fetch a token; others: GET the base URL). Upstream failures answer 200 with ok: false',
          params: idParams,
        },
      },
      async (request) => {
        const result = await testConnection(ctx, request.auth.tenantId, request.params.id);
        if (!result) throw notFound('Connection');
        return { data: result };
      },
    );
  };
