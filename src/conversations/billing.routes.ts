import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { getTenant } from '../tenants/tenants.ts';

/** `GET /billing/balance` (seed 004): plan and credits; AI replies stop when the balance reaches zero. */
export const billingRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/billing/balance',
      { schema: { tags: ['billing'], summary: 'Plan and credit balance' } },
      async (request) => {
        const tenant = await getTenant(ctx.db, request.auth.tenantId);
        if (!tenant) throw notFound('Tenant');
        return {
          data: {
            plan: tenant.plan,
            creditBalance: tenant.creditBalance,
            totalCreditsAdded: tenant.totalCreditsAdded,
          },
        };
      },
    );
  };
