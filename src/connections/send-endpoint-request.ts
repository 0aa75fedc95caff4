import type { AppContext } from '../context.ts';
import type { GuardedResponse } from '../http/guarded-fetch/guarded-fetch.ts';
import { type AuthContribution, noAuthContribution } from './auth/auth-contribution.ts';
import { resolveAuth, shouldRefreshToken } from './auth/auth-strategy.ts';
import { tokenAnswerProblem } from './auth/oauth2-client-credentials.ts';
import { type CallError, callErrorFrom } from './call-error.ts';
import { type CallMeta, loggedFetch, recordCall } from './call-logs/record-call.ts';
import { connectionsRuntime } from './connections-runtime.ts';
import type { EndpointBundle } from './load-endpoint-bundle.ts';
import type { RequestShape } from './redact-request.ts';
import type { RenderedRequest } from './templating/render-request.ts';

export type SendStepResult =
  | {
      ok: true;
      response: GuardedResponse;
      sent: RequestShape;
      contribution: AuthContribution;
      token?: string;
    }
  | {
      ok: false;
      error: CallError;
      sent?: RequestShape;
      contribution?: AuthContribution;
      token?: string;
      durationMs?: number;
    };

/** The rendered request plus what the auth strategy contributes; the strategy never edits the request. */
export function withAuth(request: RenderedRequest, contribution: AuthContribution): RequestShape {
  const headers = { ...request.headers, ...contribution.headers };
  let url = request.url;
  const query = Object.entries(contribution.query);
  if (query.length > 0) {
    const parsed = new URL(url);
    for (const [name, value] of query) parsed.searchParams.set(name, value);
    url = parsed.href;
  }
  return request.body === undefined
    ? { method: request.method, url, headers }
    : { method: request.method, url, headers, body: request.body };
}

/**
 * Step 2 of a call: applies auth and sends through the guarded fetch with the
 * endpoint's timeout. An OAuth2 token the API rejects (401, or a status in
 * `refreshOn`) is discarded, a new one fetched once, and the call retried once.
 * The final attempt is logged by the caller (it knows the final outcome);
 * token requests and a discarded first attempt are logged here.
 */
export async function sendEndpointRequest(
  ctx: AppContext,
  bundle: EndpointBundle,
  request: RenderedRequest,
  meta: CallMeta,
): Promise<SendStepResult> {
  const { connection, endpoint } = bundle;
  const runtime = connectionsRuntime(ctx);
  const deps = {
    // The token request is logged under the endpoint that needed it (filtering the log by that
    // endpoint shows why its call never went out) and judged as a token answer, not by status alone.
    fetch: loggedFetch(ctx, meta, tokenAnswerProblem),
    tokens: runtime.tokens,
    key: { tenantId: connection.tenantId, connectionId: connection.id },
    timeoutMs: ctx.config.outboundTimeoutMs,
  };
  const timeoutMs = Math.min(endpoint.timeoutMs, ctx.config.outboundTimeoutMs);

  let auth = await resolveAuth(connection.auth, deps);
  if (!auth.ok) return { ok: false, error: auth.error, contribution: noAuthContribution };
  for (let attempt = 1; ; attempt++) {
    const sent = withAuth(request, auth.contribution);
    let response: GuardedResponse;
    try {
      response = await ctx.outbound({ ...sent, timeoutMs });
    } catch (err) {
      return {
        ok: false,
        error: callErrorFrom(err),
        sent,
        contribution: auth.contribution,
        token: auth.token,
      };
    }
    if (attempt > 1 || auth.token === undefined || !shouldRefreshToken(connection.auth, response.status)) {
      return { ok: true, response, sent, contribution: auth.contribution, token: auth.token };
    }
    recordCall(ctx, meta, {
      method: sent.method,
      url: sent.url,
      status: response.status,
      durationMs: response.durationMs,
      ok: false,
      error: `HTTP ${response.status}: token rejected, fetching a new one and retrying once`,
    });
    await runtime.tokens.discard(deps.key, auth.token);
    auth = await resolveAuth(connection.auth, deps);
    if (!auth.ok) return { ok: false, error: auth.error, contribution: noAuthContribution };
  }
}
