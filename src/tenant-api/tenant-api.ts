import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { aiSettingsRoutes } from '../ai/settings/ai-settings.routes.ts';
import { callLogRoutes } from '../connections/call-logs/call-logs.routes.ts';
import { connectionRoutes } from '../connections/connections.routes.ts';
import { endpointRoutes } from '../connections/endpoints.routes.ts';
import { importRoutes } from '../connections/import/import.routes.ts';
import { templateRoutes } from '../connections/templates/templates.routes.ts';
import type { AppContext } from '../context.ts';
import { billingRoutes } from '../conversations/billing.routes.ts';
import { conversationRoutes } from '../conversations/conversations.routes.ts';
import { operatorRoutes } from '../conversations/operators/operators.routes.ts';
import { widgetRoutes } from '../conversations/widgets/widgets.routes.ts';
import { tenantEventRoutes } from '../realtime/tenant-events.routes.ts';
import { ruleLogsRoutes, rulesRoutes } from '../rules/index.ts';
import { apiKeyRoutes } from '../tenants/api-keys.routes.ts';
import { webhookDeliveryRoutes, webhookRoutes } from '../webhooks/index.ts';
import { tenantAuthHook } from './authenticate.ts';
import { registerTenantRateLimit } from './rate-limit.ts';

/** Feature route plugins mounted under `/api/v1/tenant-api`, all behind key auth and the rate limit. */
const features: Array<(ctx: AppContext) => FastifyPluginAsync> = [
  apiKeyRoutes,
  connectionRoutes,
  endpointRoutes,
  callLogRoutes,
  importRoutes,
  templateRoutes,
  widgetRoutes,
  operatorRoutes,
  conversationRoutes,
  billingRoutes,
  tenantEventRoutes,
  webhookRoutes,
  webhookDeliveryRoutes,
  rulesRoutes,
  ruleLogsRoutes,
  aiSettingsRoutes,
];

export const tenantApi =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app: FastifyInstance) => {
    app.decorateRequest('auth', null as never);
    app.addHook('onRequest', tenantAuthHook(ctx));
    await registerTenantRateLimit(app, ctx);
    for (const feature of features) await app.register(feature(ctx));
  };
