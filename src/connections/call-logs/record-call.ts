import type { AppContext } from '../../context.ts';
import type { GuardedFetch } from '../../http/guarded-fetch/guarded-fetch.ts';
import { isOutboundError } from '../../http/guarded-fetch/outbound-error.ts';
import type { Auth } from '../connection.schema.ts';
import { connectionsRuntime } from '../connections-runtime.ts';
import { redactUrlForLog, scrubSecrets } from '../redact-request.ts';

/** Who made a call: a rule, the AI, a test button, or an OpenAPI import fetching its document. */
export type CallSource = 'rule' | 'ai' | 'test' | 'import';

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

/** The guarded fetch, logging every call it makes (token requests, connection tests, imports). */
export function loggedFetch(ctx: AppContext, meta: CallMeta): GuardedFetch {
  return async (req) => {
    const started = performance.now();
    try {
      const res = await ctx.outbound(req);
      const ok = res.status >= 200 && res.status < 300;
      recordCall(ctx, meta, {
        method: req.method,
        url: req.url,
        status: res.status,
        durationMs: res.durationMs,
        ok,
        error: ok ? null : `HTTP ${res.status}`,
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
