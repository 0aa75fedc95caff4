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

/**
 * Variables every template may use without anyone setting them, besides `visitor.*` and `match.*`:
 * `{language}` is the visitor message's language (see rules/actions/template-variables.ts).
 */
export const BUILT_IN_VARIABLES = ['language'] as const;

export interface EndpointTemplateReport {
  /** Problems that make the endpoint unusable: the write is refused with these. */
  errors: ErrorDetail[];
  /** Names the endpoint relies on without declaring them: saved, and shown to the admin. */
  warnings: ErrorDetail[];
}

/**
 * SPEC §6 checks beyond the schema. A `{var}` in the path or a validation input must be a
 * declared field or a known variable (built-ins, or mapped by another endpoint for chained
 * calls) — when the endpoint declares fields, an undeclared name is almost always a typo.
 * An endpoint that declares no fields takes its path variables from session variables and
 * the CALL_API action's `params` (seed 000: `GET /products/{productId}/price` with
 * `params: {productId}`), so there such a path is saved and the names are reported as
 * warnings; a call without them still fails before anything is sent. Query, header and body
 * placeholders may always name session variables (they render empty when absent), so only
 * their syntax and the field definitions are checked.
 */
export async function endpointTemplateIssues(
  ctx: AppContext,
  tenantId: string,
  endpoint: Endpoint,
  exceptId?: string,
): Promise<EndpointTemplateReport> {
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
  const report: EndpointTemplateReport = { errors: [], warnings: [] };
  for (const { path, message, undeclared } of issues) {
    if (endpoint.fields.length === 0 && undeclared && path === 'path') {
      report.warnings.push({
        path,
        message: `${message}: it must come from a session variable or the CALL_API action's params (in an AI rule the assistant asks the visitor for it), or calls fail before sending`,
      });
    } else report.errors.push({ path, message });
  }
  return report;
}
