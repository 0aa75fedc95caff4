import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { AppError, assertNever, notFound } from '../errors.ts';
import { listDeliveries, retryDelivery } from './deliveries.repository.ts';
import { sendTestPing } from './send-test-ping.ts';
import { listDeliveriesQuery } from './webhook.schema.ts';
import { getWebhook } from './webhooks.repository.ts';

const idParams = z.object({ id: z.string() });
const tags = ['webhooks'];

export const webhookDeliveryRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          summary: "A webhook's delivery log, newest first",
          params: idParams,
          querystring: listDeliveriesQuery,
        },
      },
      async (request) => {
        const { tenantId } = request.auth;
        if (!(await getWebhook(ctx.db, tenantId, request.params.id))) throw notFound('Webhook');
        const { items, total } = await listDeliveries(ctx.db, tenantId, request.params.id, request.query);
        return { data: items, meta: { limit: request.query.limit, offset: request.query.offset, total } };
      },
    );

    app.post(
      '/webhooks/:id/deliveries/:deliveryId/retry',
      {
        schema: {
          tags,
          summary: 'Deliver again now (same webhook-id), with a fresh retry schedule',
          params: z.object({ id: z.string(), deliveryId: z.string() }),
        },
      },
      async (request, reply) => {
        const { id, deliveryId } = request.params;
        const result = await retryDelivery(ctx.db, request.auth.tenantId, id, deliveryId);
        if (result.ok) return reply.status(202).send({ data: result.delivery });
        switch (result.reason) {
          case 'not_found':
            throw notFound('Delivery');
          case 'not_retryable':
            throw new AppError(
              'CONFLICT',
              'This log entry records an event of the webhook itself; it is never sent.',
            );
          default:
            return assertNever(result.reason);
        }
      },
    );

    app.post(
      '/webhooks/:id/test',
      { schema: { tags, summary: 'Send a ping event now and return the outcome', params: idParams } },
      async (request) => {
        const deps = { db: ctx.db, vault: ctx.vault, fetch: ctx.outbound };
        const result = await sendTestPing(deps, request.auth.tenantId, request.params.id);
        if (!result) throw notFound('Webhook');
        return { data: result };
      },
    );
  };
