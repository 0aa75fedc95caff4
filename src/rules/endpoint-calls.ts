import type { LoadedEndpoint } from '../connections/endpoints.repository.ts';
import { executeEndpoint } from '../connections/execute-endpoint.ts';
import { loadEndpointBundle } from '../connections/load-endpoint-bundle.ts';
import { findPlaceholders } from '../connections/templating/find-placeholders.ts';
import type { AppContext } from '../context.ts';
import type { EndpointCallOutcome, EndpointSummary } from './actions/action.ts';

/**
 * CALL_API through the connections engine (the only outbound path): `send: false` renders the
 * request without calling, for dry-runs. The engine's result is narrowed to what rules use.
 */
export async function callEndpoint(
  ctx: AppContext,
  input: {
    tenantId: string;
    endpointId: string;
    variables: Record<string, string>;
    conversationId: string | null;
    send: boolean;
    /** A dry run's real calls are the tenant's experiments ("test" in the call log, no call.failed webhook). */
    source: 'rule' | 'test';
  },
): Promise<EndpointCallOutcome> {
  const result = await executeEndpoint(ctx, {
    tenantId: input.tenantId,
    endpointId: input.endpointId,
    variables: input.variables,
    conversationId: input.conversationId,
    source: input.source,
    send: input.send,
  });
  const missing = result.missing.length > 0 ? { missing: result.missing } : {};
  return {
    ok: result.ok,
    status: result.status ?? null,
    mapped: result.mapped,
    validation: {
      passed: result.validation.passed,
      errors: result.validation.errors.map((failure) => failure.message),
    },
    ...(result.error ? { error: result.error } : {}),
    ...(result.request
      ? { request: { ...result.request, ...missing } }
      : missing.missing
        ? { request: missing }
        : {}),
    preview: !input.send && result.ok,
  };
}

export async function describeEndpoint(
  ctx: AppContext,
  tenantId: string,
  endpointId: string,
): Promise<EndpointSummary | null> {
  const bundle = await loadEndpointBundle(ctx, tenantId, endpointId);
  if (!bundle) return null;
  return summarizeEndpoint(bundle.endpoint);
}

/** What rules and the AI need of an endpoint: its fields, path variables and mapped variables. */
export function summarizeEndpoint(endpoint: LoadedEndpoint): EndpointSummary {
  return {
    id: endpoint.id,
    name: endpoint.name,
    description: endpoint.description,
    fields: endpoint.fields.map((field) => ({
      name: field.name,
      type: field.type,
      required: field.required,
      description: field.description,
      ...(field.pattern ? { pattern: field.pattern } : {}),
      ...(field.enum ? { enum: field.enum } : {}),
    })),
    pathVariables: findPlaceholders(endpoint.path),
    mappedVariables: endpoint.responseMapping.map((mapping) => mapping.to),
  };
}
