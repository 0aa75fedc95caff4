import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { assertNever, badRequest, notFound } from '../errors.ts';
import { pageQuery } from '../http/page-query.ts';
import { type Rule, ruleInputSchema, rulePatchSchema } from './rule.schema.ts';
import {
  createRule,
  deleteRule,
  getRule,
  listRules,
  type RuleWriteResult,
  updateRule,
} from './rules.repository.ts';
import { testRules, testRulesSchema } from './test-rules.ts';
import { unsuppliedInputWarnings } from './unsupplied-inputs.ts';

const idParams = z.object({ id: z.string() });
const tags = ['rules'];

const listQuery = z.object({
  widgetId: z.string().uuid().optional(),
  type: z.enum(['static', 'ai']).optional(),
  ...pageQuery(100, 500).shape,
});

function written(result: RuleWriteResult) {
  if (result.ok) return result.rule;
  switch (result.reason) {
    case 'not_found':
      throw notFound('Rule');
    case 'invalid':
      throw badRequest(result.details[0]?.message ?? 'Invalid rule.', result.details);
    default:
      return assertNever(result);
  }
}

/** Rules CRUD and the dry-run (SPEC §7). */
export const rulesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/rules',
      {
        schema: {
          tags,
          summary: 'List rules in evaluation order (priority, then oldest first)',
          querystring: listQuery,
        },
      },
      async (request) => {
        const { limit, offset, widgetId, type } = request.query;
        const page = await listRules(ctx.db, request.auth.tenantId, { limit, offset, widgetId, type });
        return { data: page.rules, meta: { limit, offset, total: page.total } };
      },
    );

    /** The saved rule, plus `warnings` (inputs of its calls nothing supplies) only when there are any. */
    async function withWarnings(tenantId: string, rule: Rule) {
      const warnings = await unsuppliedInputWarnings(ctx, tenantId, rule);
      return warnings.length > 0 ? { ...rule, warnings } : rule;
    }

    app.post(
      '/rules',
      { schema: { tags, summary: 'Create a rule', body: ruleInputSchema } },
      async (request, reply) => {
        const rule = written(await createRule(ctx.db, request.auth.tenantId, request.body));
        return reply.status(201).send({ data: await withWarnings(request.auth.tenantId, rule) });
      },
    );

    app.post(
      '/rules/test',
      {
        schema: {
          tags,
          summary:
            'Dry-run: which rules a message matches and the actions that would run (no call unless execute); `rule` tests an unsaved rule',
          body: testRulesSchema,
        },
      },
      async (request) => {
        const outcome = await testRules(ctx, request.auth.tenantId, request.body);
        if (outcome.ok) return { data: outcome.result };
        if (outcome.reason === 'rule_not_found') throw notFound('Rule');
        if (outcome.reason === 'invalid_rule') throw badRequest(outcome.details[0].message, outcome.details);
        throw badRequest(`Widget ${request.body.widgetId} not found`, [
          { path: 'widgetId', message: 'Widget not found' },
        ]);
      },
    );

    app.get('/rules/:id', { schema: { tags, summary: 'Get a rule', params: idParams } }, async (request) => {
      const rule = await getRule(ctx.db, request.auth.tenantId, request.params.id);
      if (!rule) throw notFound('Rule');
      return { data: rule };
    });

    app.patch(
      '/rules/:id',
      {
        schema: {
          tags,
          summary: 'Update a rule (omitted keys keep their value)',
          params: idParams,
          body: rulePatchSchema,
        },
      },
      async (request) => {
        const { tenantId } = request.auth;
        const rule = written(await updateRule(ctx.db, tenantId, request.params.id, request.body));
        return { data: await withWarnings(tenantId, rule) };
      },
    );

    app.delete(
      '/rules/:id',
      { schema: { tags, summary: 'Delete a rule', params: idParams } },
      async (request, reply) => {
        if (!(await deleteRule(ctx.db, request.auth.tenantId, request.params.id))) throw notFound('Rule');
        return reply.status(204).send();
      },
    );
  };
