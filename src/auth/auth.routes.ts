import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { sessionPrincipal, streamSocketsFor } from '../tenant-api/stream-credentials.ts';
import { getTenant } from '../tenants/tenants.ts';
import {
  endSession,
  findSession,
  login,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type SessionPrincipal,
} from './sessions.ts';

const LOGIN_ATTEMPTS_PER_15_MIN = 10;
/** Per account from all addresses together: guessing one person's password from many addresses. */
const ACCOUNT_LOGIN_ATTEMPTS_PER_15_MIN = 30;

function isHttps(ctx: AppContext, request: FastifyRequest) {
  return request.protocol === 'https' || ctx.config.publicUrl?.startsWith('https:') === true;
}

async function sessionView(ctx: AppContext, principal: SessionPrincipal) {
  const tenant = await getTenant(ctx.db, principal.tenantId);
  return {
    operator: {
      id: principal.operatorId,
      email: principal.email,
      name: principal.name,
      role: principal.role,
    },
    tenant: { id: principal.tenantId, name: tenant?.name ?? '' },
    csrfToken: principal.csrfToken,
  };
}

function emailOf(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

const tooManyAttempts = (_request: FastifyRequest, context: { ttl: number }) =>
  new AppError('RATE_LIMITED', `Too many sign-in attempts; try again in ${Math.ceil(context.ttl / 1000)} s.`);

function clearCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Sign-in for people (the dashboard): an HttpOnly, SameSite=Strict cookie plus a CSRF token. */
export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(rateLimit, {
      max: LOGIN_ATTEMPTS_PER_15_MIN,
      timeWindow: 15 * 60_000,
      redis: ctx.redis,
      nameSpace: ctx.redisKeyPrefix('login'),
      // Signing in stays possible through a Redis outage; password hashing still slows guessing.
      skipOnError: true,
      enableDraftSpec: true,
      keyGenerator: (request) => `${request.ip}:${emailOf(request)}`,
      hook: 'preHandler',
      global: false,
      errorResponseBuilder: tooManyAttempts,
    });

    // A second budget per account (the plugin runs one limiter per request, so this one is checked by hand).
    const accountLimit = app.createRateLimit({
      max: ACCOUNT_LOGIN_ATTEMPTS_PER_15_MIN,
      timeWindow: 15 * 60_000,
      keyGenerator: (request) => `account:${emailOf(request)}`,
    });
    const perAccount = async (request: FastifyRequest, reply: FastifyReply) => {
      const limit = await accountLimit(request);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header('retry-after', String(limit.ttlInSeconds));
        throw tooManyAttempts(request, limit);
      }
    };

    app.post(
      '/login',
      {
        config: { rateLimit: {} },
        preHandler: perAccount,
        schema: {
          tags: ['auth'],
          summary: 'Sign in to the dashboard',
          body: z.object({
            email: z.string().trim().min(3).max(320),
            password: z.string().min(1).max(1000),
            tenantId: z.string().optional(),
          }),
        },
      },
      async (request, reply) => {
        const { email, password, tenantId } = request.body;
        const result = await login(ctx.db, email, password, tenantId);
        if (!result.ok && result.reason === 'choose_tenant') {
          throw new AppError('CONFLICT', 'This email belongs to several workspaces; choose one.', [
            ...(result.tenants ?? []).map((t) => ({ path: 'tenantId', message: `${t.id} ${t.name}` })),
          ]);
        }
        if (!result.ok) throw new AppError('UNAUTHORIZED', 'Wrong email or password.');
        reply.setCookie(SESSION_COOKIE, result.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: isHttps(ctx, request),
          maxAge: SESSION_TTL_MS / 1000,
        });
        return { data: await sessionView(ctx, result.principal) };
      },
    );

    app.get('/me', { schema: { tags: ['auth'], summary: 'The signed-in person' } }, async (request) => {
      const cookie = request.cookies[SESSION_COOKIE];
      const principal = cookie ? await findSession(ctx.db, cookie) : null;
      if (!principal) throw new AppError('UNAUTHORIZED', 'Not signed in.');
      return { data: await sessionView(ctx, principal) };
    });

    app.post('/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      const principal = cookie ? await findSession(ctx.db, cookie) : null;
      if (principal) {
        await endSession(ctx.db, principal.sessionId);
        streamSocketsFor(ctx.db).closeAll(sessionPrincipal(principal.sessionId), 'Signed out.');
      }
      clearCookie(reply);
      return reply.status(204).send();
    });
  };
