import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerParleyAi } from './ai/ai-hooks.ts';
import { setAiLogger } from './ai/ai-logger.ts';
import { withVisitorTranslation } from './ai/translation/with-visitor-translation.ts';
import { authRoutes } from './auth/auth.routes.ts';
import type { AppContext } from './context.ts';
import { startConversationRuntime } from './conversations/conversation-runtime.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { answerClientError, answerFrameworkError } from './http/framework-errors.ts';
import { registerHealthRoutes } from './http/health.routes.ts';
import { registerJsonBodyParser } from './http/json-body-parser.ts';
import { lowercaseUuids } from './http/lowercase-uuids.ts';
import { openapiTransform, securitySchemes } from './http/openapi-document.ts';
import { validatorCompilerWithOptionalBody } from './http/optional-body.ts';
import { refuseNulInUrl } from './http/refuse-nul-in-url.ts';
import { refuseWhileClosing } from './http/refuse-while-closing.ts';
import { loggerOptions } from './observability/logger.ts';
import { registerMetrics } from './observability/metrics.ts';
import { registerOperationalMetrics } from './observability/operational-metrics.ts';
import { platformApi } from './platform-api/platform-api.ts';
import { createRulesProcessor } from './rules/index.ts';
import { tenantApi } from './tenant-api/tenant-api.ts';
import { startWebhookDelivery } from './webhooks/index.ts';
import { widgetApi } from './widget-api/widget-api.ts';

export interface BuildAppOptions {
  /** Where logs go (tests capture them to prove secrets are redacted). */
  logStream?: NodeJS.WritableStream;
  logLevel?: string;
}

/** A hop count trusts that many proxies in front of Parley (Fastify's types leave numbers out). */
function trustProxyOption(value: boolean | number | string) {
  return typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;
}

/** Registers plugins, then routes. Booting (listen, signals) is server.ts's job. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? ctx.config.logLevel, options.logStream),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    forceCloseConnections: 'idle',
    // refuseWhileClosing answers these in the SPEC §2 envelope.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before any route runs answer in the SPEC §2 envelope too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompilerWithOptionalBody);
  registerJsonBodyParser(app);
  // Response schemas document the API; serialising with plain JSON keeps the hot paths fast.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandling(app);
  refuseWhileClosing(app);
  refuseNulInUrl(app);
  lowercaseUuids(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version: '1',
        description: 'Tenant API (X-Api-Key), Widget API (visitor token) and Platform API (bearer token).',
      },
      components: { securitySchemes },
    },
    transform: openapiTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(websocket, { options: { maxPayload: 64 * 1024 }, preClose: closeSocketsGoingAway });
  await app.register(cookie);
  registerMetrics(app);
  registerOperationalMetrics(app, ctx);
  registerHealthRoutes(app, ctx);

  await app.register(platformApi(ctx), { prefix: '/api/v1/platform' });
  await app.register(authRoutes(ctx), { prefix: '/api/v1/auth' });
  await app.register(tenantApi(ctx), { prefix: '/api/v1/tenant-api' });
  await app.register(widgetApi(ctx), { prefix: '/api/v1/widget' });
  await app.register(dashboardRoutes(), { prefix: '/app' });
  registerParleyAi();
  setAiLogger(ctx, app.log);
  // Before the runner starts, so no job is ever claimed by the no-op processor.
  ctx.pipeline.setProcessor(withVisitorTranslation(ctx, createRulesProcessor(ctx)));
  await startConversationRuntime(app, ctx);
  startWebhookDelivery(ctx, app.log);
  return app;
}

/**
 * On shutdown, sockets close with 1001 "going away" (the plugin's default sends no code, 1005), so
 * widgets and integrations can tell a restart from an error and reconnect to another process.
 */
function closeSocketsGoingAway(this: FastifyInstance, done: () => void): void {
  for (const client of this.websocketServer.clients) client.close(1001, 'server shutting down');
  this.server.removeAllListeners('upgrade');
  this.websocketServer.close(() => done());
}
