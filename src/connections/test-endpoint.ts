import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { executeEndpoint } from './execute-endpoint.ts';

/**
 * The "Test endpoint" button. Bad sample variables are the admin's input and
 * answer 400 naming the variable; everything the upstream does (errors,
 * timeouts, blocked addresses, failed validations) is shown as the result
 * with `ok: false` and a 200, because seeing it is the point of the test.
 * Missing variables are reported in `missing` (a dry run lists them too).
 */
export async function testEndpoint(
  ctx: AppContext,
  tenantId: string,
  endpointId: string,
  variables: Record<string, unknown>,
  send: boolean,
) {
  const result = await executeEndpoint(ctx, { tenantId, endpointId, variables, source: 'test', send });
  if (result.error?.code === 'NOT_FOUND') throw notFound('Endpoint');
  if (result.error?.code === 'INVALID_VARIABLES') {
    throw badRequest(
      result.error.message,
      result.invalid.map((v) => ({ path: `body.variables.${v.field}`, message: v.reason })),
    );
  }
  return {
    ok: result.ok,
    ...(result.status !== undefined ? { status: result.status } : {}),
    request: result.request ?? null,
    response: result.response ?? null,
    mapped: result.mapped,
    missing: result.missing,
    unmapped: result.unmapped,
    validation: result.validation,
    ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
    durationMs: Math.round(result.durationMs),
  };
}
