import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerWidgetCors } from './cors.ts';
import { widgetConversationRoutes } from './widget-conversations.routes.ts';
import { registerWidgetRateLimit } from './widget-rate-limit.ts';
import { widgetScriptRoutes } from './widget-script.routes.ts';
import { widgetSocketRoutes } from './widget-socket.routes.ts';

/** Feature route plugins of the public widget API (`/api/v1/widget`); visitors authenticate per conversation. */
const features: Array<(ctx: AppContext) => FastifyPluginAsync> = [
  widgetConversationRoutes,
  widgetSocketRoutes,
  widgetScriptRoutes,
];

export const widgetApi =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app: FastifyInstance) => {
    registerWidgetCors(app, ctx);
    await registerWidgetRateLimit(app, ctx);
    for (const feature of features) await app.register(feature(ctx));
  };
