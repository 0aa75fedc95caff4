import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { bearerMatches } from './bearer-matches.ts';
import { registerSocketMetrics } from './socket-metrics.ts';

export interface MetricsEndpoint {
  registry: Registry;
  /** When set, /metrics answers only `Authorization: Bearer <token>` (PARLEY_METRICS_TOKEN). */
  token: string | undefined;
}

const endpoints = new WeakMap<FastifyInstance, MetricsEndpoint>();

/** The registry and access setting of an app's /metrics (registerOperationalMetrics adds to them). */
export const metricsEndpointOf = (app: FastifyInstance): MetricsEndpoint | undefined => endpoints.get(app);

/** One registry per app instance, so tests running several apps in a process don't collide. */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  const endpoint: MetricsEndpoint = { registry, token: undefined };
  endpoints.set(app, endpoint);
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  registerSocketMetrics(app, registry);
  const duration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (endpoint.token && !bearerMatches(request.headers.authorization, endpoint.token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return reply.status(401).send({
        error: {
          code: 'UNAUTHORIZED',
          message: 'Missing or invalid metrics token (Authorization: Bearer …).',
        },
      });
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
