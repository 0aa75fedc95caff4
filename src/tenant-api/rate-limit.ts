import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * PARLEY_RATE_LIMIT_PER_MIN per key (PARLEY_DASHBOARD_RATE_LIMIT_PER_MIN per signed-in session) per minute, counted in Redis when configured so every
 * process behind a load balancer draws on one budget. Runs after authentication (preParsing),
 * so the bucket is the key, not the client address.
 */
export async function registerTenantRateLimit(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(rateLimit, {
    // A person clicking through the dashboard makes many small requests; scripts get the API budget.
    max: (request) =>
      request.auth?.principal.startsWith('session:')
        ? ctx.config.dashboardRateLimitPerMin
        : ctx.config.rateLimitPerMin,
    timeWindow: 60_000,
    hook: 'preParsing',
    redis: ctx.redis,
    nameSpace: ctx.redisKeyPrefix('ratelimit'),
    // A Redis outage must not take the API down with it: requests pass uncounted meanwhile (and
    // the Redis connection logs a warning), rather than every one failing with a 500.
    skipOnError: true,
    enableDraftSpec: true,
    keyGenerator: (request) => request.auth?.principal ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  });
}
