import { type CallError, callError } from './call-error.ts';
import { coerceVariables, fieldLabel, isMissingValue } from './fields/index.ts';
import type { EndpointBundle } from './load-endpoint-bundle.ts';
import { type RenderedRequest, renderRequest } from './templating/render-request.ts';

export interface InvalidVariable {
  field: string;
  reason: string;
}

export type RenderStepResult =
  | { ok: true; request: RenderedRequest; variables: Record<string, unknown> }
  | { ok: false; missing: string[]; invalid: InvalidVariable[]; error: CallError };

/**
 * Step 1 of a call (render → send → map): checks the declared fields, then
 * renders the endpoint's templates with the typed values over the given
 * variables, merged under the connection's headers. Nothing here does I/O, so a
 * missing or unsafe variable fails before any call is made.
 */
export function renderEndpointRequest(
  bundle: EndpointBundle,
  variables: Readonly<Record<string, unknown>>,
): RenderStepResult {
  const { endpoint, connection } = bundle;
  const coerced = coerceVariables(endpoint.fields, variables);
  const merged: Record<string, unknown> = { ...variables, ...coerced.values };
  // A declared field given blank (a CALL_API param "{qty}" whose variable is unset renders "")
  // is not given: its JSON body member is left out rather than sent as "" (render-body.ts).
  for (const field of endpoint.fields) {
    if (isMissingValue(merged[field.name])) delete merged[field.name];
  }
  const missing = coerced.errors.filter((e) => e.missing).map((e) => e.field);
  const invalid = coerced.errors.filter((e) => !e.missing).map((e) => ({ field: e.field, reason: e.reason }));

  if (missing.length === 0 && invalid.length === 0) {
    const rendered = renderRequest({
      baseUrl: connection.baseUrl,
      endpoint,
      variables: merged,
      requiredVariables: bundle.requiredFields,
    });
    if (rendered.ok) {
      // Connection headers first; the endpoint's own headers override them (auth is added when sending).
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(connection.headers)) headers[name.toLowerCase()] = value;
      for (const [name, value] of Object.entries(rendered.request.headers))
        headers[name.toLowerCase()] = value;
      headers.accept ??= 'application/json';
      return { ok: true, request: { ...rendered.request, headers }, variables: merged };
    }
    const name = rendered.error.variable;
    const absent =
      name !== undefined && (merged[name] === undefined || merged[name] === null || merged[name] === '');
    if (name !== undefined && absent) missing.push(name);
    else {
      // Template errors are phrased for the admin; the visitor only learns that the value was refused.
      const error = callError(
        'INVALID_VARIABLES',
        rendered.error.message,
        'Sorry, that value cannot be used here.',
      );
      return {
        ok: false,
        missing,
        invalid: [{ field: name ?? 'template', reason: rendered.error.message }],
        error,
      };
    }
  }

  if (missing.length > 0) {
    const labels = missing.map((name) => {
      const field = endpoint.fields.find((f) => f.name === name);
      return field ? fieldLabel(field) : name;
    });
    return {
      ok: false,
      missing,
      invalid,
      error: callError(
        'MISSING_VARIABLES',
        `Missing required variables: ${missing.join(', ')}`,
        `Please provide: ${labels.join(', ')}.`,
      ),
    };
  }
  const first = invalid[0];
  return {
    ok: false,
    missing,
    invalid,
    error: callError('INVALID_VARIABLES', `Invalid value for ${first.field}: ${first.reason}`, first.reason),
  };
}
