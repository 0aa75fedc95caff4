import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { parseAllowList } from '../http/guarded-fetch/index.ts';
import { pageOf, smallListQuery } from '../http/page-query.ts';
import { checkWebhookUrl } from './check-webhook-url.ts';
import { createWebhookSchema, updateWebhookSchema } from './webhook.schema.ts';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from './webhooks.repository.ts';

const idParams = z.object({ id: z.string() });
const tags = ['webhooks'];

export const webhookRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const allow = parseAllowList(ctx.config.outboundAllow);
    // A blocked address is refused when saved, naming the reason (delivery checks again at connect time).
    const allowedUrl = async (url: string) => {
      const verdict = await checkWebhookUrl(url, allow);
      if (!verdict.ok) throw badRequest(verdict.reason, [{ path: 'body.url', message: verdict.reason }]);
      return verdict.url;
    };

    app.get(
      '/webhooks',
      { schema: { tags, summary: 'List webhooks', querystring: smallListQuery } },
      async (request) => pageOf(await listWebhooks(ctx.db, request.auth.tenantId), request.query),
    );

    app.post(
      '/webhooks',
      {
        schema: {
          tags,
          summary: 'Create a webhook (its signing secret is shown only in this response)',
          body: createWebhookSchema,
        },
      },
      async (request, reply) => {
        const url = await allowedUrl(request.body.url);
        const webhook = await createWebhook(ctx.db, ctx.vault, request.auth.tenantId, {
          ...request.body,
          url,
        });
        return reply.status(201).send({ data: webhook });
      },
    );

    app.get(
      '/webhooks/:id',
      { schema: { tags, summary: 'Get a webhook', params: idParams } },
      async (request) => {
        const webhook = await getWebhook(ctx.db, request.auth.tenantId, request.params.id);
        if (!webhook) throw notFound('Webhook');
        return { data: webhook };
      },
    );

    app.patch(
      '/webhooks/:id',
      { schema: { tags, summary: 'Update a webhook', params: idParams, body: updateWebhookSchema } },
      async (request) => {
        const { tenantId } = request.auth;
        if (!(await getWebhook(ctx.db, tenantId, request.params.id))) throw notFound('Webhook');
        const url = request.body.url === undefined ? undefined : await allowedUrl(request.body.url);
        const webhook = await updateWebhook(ctx.db, tenantId, request.params.id, { ...request.body, url });
        if (!webhook) throw notFound('Webhook');
        return { data: webhook };
      },
    );

    app.delete(
      '/webhooks/:id',
      { schema: { tags, summary: 'Delete a webhook and its delivery log', params: idParams } },
      async (request, reply) => {
        if (!(await deleteWebhook(ctx.db, request.auth.tenantId, request.params.id)))
          throw notFound('Webhook');
        return reply.status(204).send();
      },
    );

    app.post(
      '/webhooks/:id/rotate-secret',
      {
        schema: {
          tags,
          summary: 'Replace the signing secret (shown once); the old one keeps signing for 24 hours',
          params: idParams,
        },
      },
      async (request) => {
        const webhook = await rotateWebhookSecret(
          ctx.db,
          ctx.vault,
          request.auth.tenantId,
          request.params.id,
        );
        if (!webhook) throw notFound('Webhook');
        return { data: webhook };
      },
    );
  };
