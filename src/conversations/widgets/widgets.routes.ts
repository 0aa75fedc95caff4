import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { pageOf, smallListQuery } from '../../http/page-query.ts';
import { createWidgetSchema, updateWidgetSchema } from './widget.schema.ts';
import { createWidget, getWidget, listWidgets, updateWidget } from './widgets.ts';

const idParams = z.object({ id: z.string() });
const tags = ['widgets'];

export const widgetRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/widgets',
      { schema: { tags, summary: 'List widgets', querystring: smallListQuery } },
      async (request) => pageOf(await listWidgets(ctx, request.auth.tenantId), request.query),
    );

    app.post(
      '/widgets',
      { schema: { tags, summary: 'Create a widget', body: createWidgetSchema } },
      async (request, reply) =>
        reply.status(201).send({ data: await createWidget(ctx, request.auth.tenantId, request.body) }),
    );

    app.get(
      '/widgets/:id',
      { schema: { tags, summary: 'Get a widget', params: idParams } },
      async (request) => {
        const widget = await getWidget(ctx, request.auth.tenantId, request.params.id);
        if (!widget) throw notFound('Widget');
        return { data: widget };
      },
    );

    app.patch(
      '/widgets/:id',
      { schema: { tags, summary: 'Update a widget', params: idParams, body: updateWidgetSchema } },
      async (request) => {
        const widget = await updateWidget(ctx, request.auth.tenantId, request.params.id, request.body);
        if (!widget) throw notFound('Widget');
        return { data: widget };
      },
    );
  };
