import type { AppContext } from '../context.ts';
import type { GuardedResponse } from '../http/guarded-fetch/guarded-fetch.ts';
import { authWithoutToken } from './auth/auth-strategy.ts';
import { type CallError, callError } from './call-error.ts';
import { type CallSource, recordCall } from './call-logs/record-call.ts';
import { type EndpointBundle, loadEndpointBundle } from './load-endpoint-bundle.ts';
import { mapEndpointResponse } from './map-endpoint-response.ts';
import { type RequestShape, redactRequest, scrubValue } from './redact-request.ts';
import { type InvalidVariable, renderEndpointRequest } from './render-endpoint-request.ts';
import { sendEndpointRequest, withAuth } from './send-endpoint-request.ts';
import type { RenderedRequest } from './templating/render-request.ts';
import type { ValidationFailure } from './validation/validate-response.ts';

export interface ExecuteEndpointInput {
  tenantId: string;
  endpointId: string;
  /** Session variables, action params and AI-collected fields; declared fields are checked and typed. */
  variables: Readonly<Record<string, unknown>>;
  conversationId?: string | null;
  source: Exclude<CallSource, 'import' | 'llm'>;
  /** false: render and return the resolved request without calling (dry run). Default true. */
  send?: boolean;
}

export interface ExecuteEndpointResult {
  ok: boolean;
  /** The upstream HTTP status, when a response arrived. */
  status?: number;
  /** Mapped variables (strings); empty unless the call succeeded and validations passed. */
  mapped: Record<string, string>;
  /** Required variables nobody supplied yet (the AI asks the visitor for these). */
  missing: string[];
  /** Supplied variables that failed their field's type or pattern, with a visitor-facing reason. */
  invalid: InvalidVariable[];
  /** Mapping paths the response did not contain. */
  unmapped: string[];
  validation: { passed: boolean; errors: ValidationFailure[] };
  /** `message` for the tenant admin, `publicMessage` for visitors and AI models. */
  error?: CallError;
  /** The request as sent (or as it would be sent), credentials shown as "[REDACTED]". */
  request?: RequestShape;
  /** Omitted when a validation failed, except for source "test" (the admin sees what came back). */
  response?: { status: number; headers: Record<string, string>; body: unknown };
  durationMs: number;
}

const noValidation = { passed: true, errors: [] };

/**
 * Calls one endpoint: load (tenant-scoped, cached) → render → send → validate
 * and map, writing a call log for every outbound call. Expected failures
 * (missing variables, blocked or failing upstream, invalid JSON, failed
 * validation) come back as values with `ok: false`; it only throws on bugs.
 *
 * @example
 * const result = await executeEndpoint(ctx, { tenantId, endpointId, variables: { orderId: '4521' }, source: 'rule' });
 * if (result.ok) Object.assign(conversationVariables, result.mapped);
 */
export async function executeEndpoint(
  ctx: AppContext,
  input: ExecuteEndpointInput,
): Promise<ExecuteEndpointResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const base = { mapped: {}, missing: [], invalid: [], unmapped: [], validation: noValidation };
  const bundle = await loadEndpointBundle(ctx, input.tenantId, input.endpointId);
  if (!bundle) {
    return {
      ok: false,
      ...base,
      error: callError('NOT_FOUND', 'Endpoint not found.'),
      durationMs: elapsed(),
    };
  }
  const rendered = renderEndpointRequest(bundle, input.variables);
  if (!rendered.ok) {
    const { missing, invalid, error } = rendered;
    return { ok: false, ...base, missing, invalid, error, durationMs: elapsed() };
  }
  if (input.send === false) {
    return { ok: true, ...base, request: previewRequest(bundle, rendered.request), durationMs: elapsed() };
  }

  const meta = {
    tenantId: input.tenantId,
    connectionId: bundle.connection.id,
    endpointId: bundle.endpoint.id,
    conversationId: input.conversationId ?? null,
    source: input.source,
    auth: bundle.connection.auth,
    secrets: bundle.secrets,
  };
  const sent = await sendEndpointRequest(ctx, bundle, rendered.request, meta);
  const request =
    sent.sent && redactRequest(sent.sent, bundle.connection.auth, sent.contribution, bundle.secrets);
  if (!sent.ok) {
    if (sent.sent) {
      const call = { method: sent.sent.method, url: sent.sent.url, durationMs: elapsed() };
      recordCall(ctx, meta, {
        ...call,
        status: null,
        ok: false,
        error: `${sent.error.code}: ${sent.error.message}`,
      });
    }
    return { ok: false, ...base, error: sent.error, request, durationMs: elapsed() };
  }

  const { response } = sent;
  const result = mapEndpointResponse(bundle.endpoint, response, rendered.variables);
  recordCall(ctx, meta, {
    method: sent.sent.method,
    url: sent.sent.url,
    status: response.status,
    durationMs: response.durationMs,
    ok: result.ok,
    error: result.error ? `${result.error.code}: ${result.error.message}` : null,
  });
  const hideBody = !result.validation.passed && input.source !== 'test';
  const secrets = sent.token ? [...bundle.secrets, sent.token] : bundle.secrets;
  return {
    ok: result.ok,
    status: response.status,
    mapped: result.mapped,
    missing: [],
    invalid: [],
    unmapped: result.unmapped,
    validation: result.validation,
    ...(result.error ? { error: result.error } : {}),
    request,
    ...(hideBody ? {} : { response: echoResponse(response, result.body, secrets) }),
    durationMs: elapsed(),
  };
}

/** A dry run shows where credentials go without fetching an OAuth2 token. */
function previewRequest(bundle: EndpointBundle, request: RenderedRequest): RequestShape {
  const contribution = authWithoutToken(bundle.connection.auth);
  return redactRequest(withAuth(request, contribution), bundle.connection.auth, contribution, bundle.secrets);
}

/**
 * The response as returned: stored credentials (and the OAuth2 token) an upstream
 * echoes back are blanked. The raw bytes are searched first, so the common case
 * (nothing echoed) costs a byte scan and no tree walk; a secret JSON could write
 * in escaped form (quotes, slashes, non-ASCII) always gets the walk.
 */
function echoResponse(response: GuardedResponse, body: unknown, secrets: readonly string[]) {
  const headerText = Object.values(response.headers).join('\n');
  const suspect = secrets.some(
    (secret) =>
      secret.length >= 4 &&
      (response.body.includes(secret) ||
        headerText.includes(secret) ||
        /["\\/\u0000-\u001f\u007f-\uffff]/.test(secret)),
  );
  if (!suspect) return { status: response.status, headers: response.headers, body };
  return {
    status: response.status,
    headers: scrubValue(response.headers, secrets) as Record<string, string>,
    body: scrubValue(body, secrets),
  };
}
