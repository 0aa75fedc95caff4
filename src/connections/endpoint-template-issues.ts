import type { AppContext } from '../context.ts';
import type { ErrorDetail } from '../errors.ts';
import { checkEndpointTemplates, type Endpoint } from './endpoint.schema.ts';
import { findPlaceholders } from './templating/find-placeholders.ts';

/** Variables other endpoints of the tenant map (`to`), usable in this one's templates (chained calls). */
async function mappedVariableNames(ctx: AppContext, tenantId: string, exceptId?: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('endpoints')
    .select(['id', 'config'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const names = new Set<string>();
  for (const row of rows) {
    if (row.id === exceptId) continue;
    const doc = JSON.parse(row.config) as { responseMapping?: { to: string }[] };
    for (const rule of doc.responseMapping ?? []) names.add(rule.to);
  }
  return [...names];
}

/** Variables every conversation has besides `visitor.*` and `match.*`. */
const BUILT_IN_VARIABLES = ['language'];

/**
 * SPEC §6 checks beyond the schema. A `{var}` in the path must be a declared field
 * or a known variable (built-ins, or mapped by another endpoint for chained
 * calls): a path can't be called without it. Query, header and body placeholders
 * may also name session variables set by rules, which render empty when absent,
 * so only their syntax and the field definitions are checked.
 */
export async function endpointTemplateIssues(
  ctx: AppContext,
  tenantId: string,
  endpoint: Endpoint,
  exceptId?: string,
) {
  const lenient = [
    ...Object.values(endpoint.queryParams),
    ...Object.values(endpoint.headers),
    endpoint.bodyTemplate ?? '',
  ].flatMap(findPlaceholders);
  const known = [...BUILT_IN_VARIABLES, ...lenient];
  let issues = checkEndpointTemplates(endpoint, known);
  if (issues.length > 0) {
    issues = checkEndpointTemplates(endpoint, [
      ...known,
      ...(await mappedVariableNames(ctx, tenantId, exceptId)),
    ]);
  }
  return issues.map((issue): ErrorDetail => ({ path: issue.path, message: issue.message }));
}
