import crypto from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { issueApiKey } from '../tenants/api-keys.ts';
import { addCredits, createTenant, getTenant, MAX_CREDIT_GRANT } from '../tenants/tenants.ts';

function tokenMatches(presented: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The token of `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235 §2.1). */
function bearerCredentials(header: string | undefined): string {
  return /^bearer\s+(.*)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
}

/** The installation operator's API; absent entirely when PARLEY_PLATFORM_TOKEN is unset. */
export const platformApi =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('onRequest', async (request) => {
      const token = ctx.config.platformToken;
      if (!token)
        throw new AppError('NOT_FOUND', 'The Platform API is off; set PARLEY_PLATFORM_TOKEN to enable it.');
      const presented = bearerCredentials(request.headers.authorization);
      if (!presented || !tokenMatches(presented, token)) {
        throw new AppError('UNAUTHORIZED', 'Missing or invalid platform token (Authorization: Bearer …).');
      }
    });

    app.post(
      '/tenants',
      {
        schema: {
          tags: ['platform'],
          summary: 'Create a tenant, its first API key and optionally its first dashboard admin',
          body: z
            .object({
              name: z.string().trim().min(1).max(200),
              adminEmail: z.email().optional(),
              adminPassword: z.string().min(10).max(1000).optional(),
            })
            .refine((b) => Boolean(b.adminEmail) === Boolean(b.adminPassword), {
              message: 'adminEmail and adminPassword go together',
              path: ['adminPassword'],
            }),
        },
      },
      async (request, reply) => {
        const { name, adminEmail, adminPassword } = request.body;
        const admin =
          adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined;
        const tenant = await createTenant(ctx.db, name, admin, ctx.config.newTenantCredits);
        return reply.status(201).send({ data: tenant });
      },
    );

    app.post(
      '/tenants/:id/api-keys',
      {
        schema: {
          tags: ['platform'],
          summary: 'Issue a tenant a new API key (e.g. after it revoked its last one); shown only here',
          params: z.object({ id: z.string() }),
          body: z.object({ name: z.string().trim().min(1).max(100).default('Issued by the operator') }),
        },
      },
      async (request, reply) => {
        if (!(await getTenant(ctx.db, request.params.id))) throw notFound('Tenant');
        const key = await issueApiKey(ctx.db, request.params.id, request.body.name);
        return reply.status(201).send({ data: key });
      },
    );

    app.post(
      '/tenants/:id/credits',
      {
        schema: {
          tags: ['platform'],
          summary: "Add credits to a tenant's balance",
          params: z.object({ id: z.string() }),
          body: z.object({ amount: z.number().int().positive().max(MAX_CREDIT_GRANT) }),
        },
      },
      async (request) => {
        if (!(await getTenant(ctx.db, request.params.id))) throw notFound('Tenant');
        return { data: await addCredits(ctx.db, request.params.id, request.body.amount) };
      },
    );
  };
