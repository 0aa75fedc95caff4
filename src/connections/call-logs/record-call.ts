import type { AppContext } from '../../context.ts';
import type { GuardedFetch, GuardedResponse } from '../../http/guarded-fetch/guarded-fetch.ts';
import { isOutboundError } from '../../http/guarded-fetch/outbound-error.ts';
import type { Auth } from '../connection.schema.ts';
import { connectionsRuntime } from '../connections-runtime.ts';
import { redactUrlForLog, scrubSecrets } from '../redact-request.ts';

/**
 * Who made a call: a rule, the AI (an endpoint as a tool), a test button, an OpenAPI import
 * fetching its document, or a request to the tenant's AI model provider (`llm`).
 */
export type CallSource = 'rule' | 'ai' | 'test' | 'import' | 'llm';

/** Who is calling and what to redact; fixed for one execution. */
export interface CallMeta {
  tenantId: string;
  connectionId: string | null;
  endpointId: string | null;
  conversationId: string | null;
  source: CallSource;
  auth: Auth;
  secrets: readonly string[];
}

export interface CallRecord {
  method: string;
  url: string;
  status: number | null;
  durationMs: number;
  ok: boolean;
  error: string | null;
}

/** Queues one call-log row with the URL and error text redacted. */
export function recordCall(ctx: AppContext, meta: CallMeta, call: CallRecord): void {
  connectionsRuntime(ctx).callLogs.write({
    tenantId: meta.tenantId,
    connectionId: meta.connectionId,
    endpointId: meta.endpointId,
    conversationId: meta.conversationId,
    source: meta.source,
    method: call.method,
    url: redactUrlForLog(call.url, meta.auth, meta.secrets),
    status: call.status,
    durationMs: call.durationMs,
    ok: call.ok,
    error: call.error === null ? null : scrubSecrets(call.error, meta.secrets).slice(0, 1000),
  });
}

/** What went wrong with an answer, for its log entry; null when it is what the caller needed. */
export type JudgeResponse = (res: GuardedResponse) => string | null;

const anyNon2xx: JudgeResponse = (res) =>
  res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;

/**
 * The guarded fetch, logging every call it makes (token requests, connection tests, imports).
 * `judge` decides whether an answer counts as a failure: a token endpoint's 200 without an
 * access_token is one.
 */
export function loggedFetch(ctx: AppContext, meta: CallMeta, judge: JudgeResponse = anyNon2xx): GuardedFetch {
  return async (req) => {
    const started = performance.now();
    try {
      const res = await ctx.outbound(req);
      const error = judge(res);
      recordCall(ctx, meta, {
        method: req.method,
        url: req.url,
        status: res.status,
        durationMs: res.durationMs,
        ok: error === null,
        error,
      });
      return res;
    } catch (err) {
      recordCall(ctx, meta, {
        method: req.method,
        url: req.url,
        status: null,
        durationMs: performance.now() - started,
        ok: false,
        error: isOutboundError(err) ? `${err.code}: ${err.message}` : 'request failed',
      });
      throw err;
    }
  };
}
