import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setOperatorPassword } from '../../auth/operator-accounts.ts';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { pageOf, smallListQuery } from '../../http/page-query.ts';
import { streamSocketsFor } from '../../tenant-api/stream-credentials.ts';
import { deleteOperator } from './delete-operator.ts';
import { createOperatorSchema, updateOperatorSchema } from './operator.schema.ts';
import { createOperator, getOperator, listOperators, updateOperator } from './operators.ts';

const idParams = z.object({ id: z.string() });
const tags = ['operators'];
const LAST_ADMIN =
  "This is the workspace's only admin: make another operator an admin first, so someone can still manage the settings.";

export const operatorRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/operators',
      { schema: { tags, summary: 'List operators (people who answer chats)', querystring: smallListQuery } },
      async (request) => pageOf(await listOperators(ctx.db, request.auth.tenantId), request.query),
    );

    app.post(
      '/operators',
      { schema: { tags, summary: 'Add an operator', body: createOperatorSchema } },
      async (request, reply) => {
        const result = await createOperator(ctx.db, request.auth.tenantId, request.body);
        if (!result.ok) throw new AppError('CONFLICT', 'An operator with this email already exists.');
        if (request.body.password) {
          await setOperatorPassword(ctx.db, request.auth.tenantId, result.operator.id, request.body.password);
        }
        return reply.status(201).send({ data: result.operator });
      },
    );

    app.get(
      '/operators/:id',
      { schema: { tags, summary: 'Get an operator', params: idParams } },
      async (request) => {
        const operator = await getOperator(ctx.db, request.auth.tenantId, request.params.id);
        if (!operator) throw notFound('Operator');
        return { data: operator };
      },
    );

    app.patch(
      '/operators/:id',
      { schema: { tags, summary: 'Update an operator', params: idParams, body: updateOperatorSchema } },
      async (request) => {
        const { password, ...patch } = request.body;
        const result = await updateOperator(ctx, request.auth.tenantId, request.params.id, patch);
        if (!result.ok && result.reason === 'not_found') throw notFound('Operator');
        if (!result.ok) {
          throw new AppError('CONFLICT', LAST_ADMIN);
        }
        const { operator } = result;
        if (password) {
          await setOperatorPassword(ctx.db, request.auth.tenantId, operator.id, password);
          // Their sessions just ended: so do the event streams they opened, not 15 s later.
          await streamSocketsFor(ctx.db).sweep();
        }
        return { data: operator };
      },
    );

    app.delete(
      '/operators/:id',
      {
        schema: {
          tags,
          summary:
            'Remove an operator: their sign-in ends, their conversations become unassigned, rules that assigned them pick any available operator',
          params: idParams,
        },
      },
      async (request, reply) => {
        const result = await deleteOperator(ctx, request.auth.tenantId, request.params.id);
        if (!result.ok && result.reason === 'not_found') throw notFound('Operator');
        if (!result.ok) throw new AppError('CONFLICT', LAST_ADMIN);
        await streamSocketsFor(ctx.db).sweep();
        if (result.reassignedRules.length > 0) {
          request.log.info(
            { tenantId: request.auth.tenantId, operatorId: request.params.id, rules: result.reassignedRules },
            'rules that assigned a removed operator now assign any available operator',
          );
        }
        return reply.status(204).send();
      },
    );
  };
