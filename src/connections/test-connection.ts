import type { AppContext } from '../context.ts';
import { authWithoutToken } from './auth/auth-strategy.ts';
import { fetchClientCredentialsToken, tokenAnswerProblem } from './auth/oauth2-client-credentials.ts';
import { callErrorFrom } from './call-error.ts';
import { type CallMeta, loggedFetch } from './call-logs/record-call.ts';
import { loadConnection } from './connections.repository.ts';
import { collectSecrets } from './load-endpoint-bundle.ts';
import { scrubSecrets } from './redact-request.ts';
import { withAuth } from './send-endpoint-request.ts';

export interface ConnectionTestResult {
  ok: boolean;
  status?: number;
  message: string;
  durationMs: number;
}

/**
 * The "Test connection" button: for OAuth2 a fresh token request (proving the
 * client credentials, bypassing the cache); otherwise a GET of the base URL with
 * the connection's auth and headers. Upstream failures are results, not errors.
 * Returns undefined when the connection is not the tenant's.
 */
export async function testConnection(
  ctx: AppContext,
  tenantId: string,
  connectionId: string,
): Promise<ConnectionTestResult | undefined> {
  const started = performance.now();
  const connection = await loadConnection(ctx, tenantId, connectionId);
  if (!connection) return undefined;
  const secrets = collectSecrets(connection);
  const meta: CallMeta = {
    tenantId,
    connectionId,
    endpointId: null,
    conversationId: null,
    source: 'test',
    auth: connection.auth,
    secrets,
  };
  const fetch = loggedFetch(ctx, meta);
  const durationMs = () => Math.round(performance.now() - started);

  if (connection.auth.type === 'oauth2_client_credentials') {
    const token = await fetchClientCredentialsToken(
      loggedFetch(ctx, meta, tokenAnswerProblem),
      connection.auth,
      ctx.config.outboundTimeoutMs,
    );
    if (!token.ok)
      return { ok: false, message: scrubSecrets(token.error.message, secrets), durationMs: durationMs() };
    const lifetime = token.lifetimeMs > 0 ? ` (valid for ${Math.round(token.lifetimeMs / 1000)} s)` : '';
    return {
      ok: true,
      message: `The token endpoint issued an access token${lifetime}.`,
      durationMs: durationMs(),
    };
  }

  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(connection.headers)) headers[name.toLowerCase()] = value;
  const request = withAuth(
    { method: 'GET', url: connection.baseUrl, headers },
    authWithoutToken(connection.auth),
  );
  try {
    const res = await fetch(request);
    return {
      ok: isReachable(res.status),
      status: res.status,
      message: describe(res.status),
      durationMs: durationMs(),
    };
  } catch (err) {
    return {
      ok: false,
      message: scrubSecrets(callErrorFrom(err).message, secrets),
      durationMs: durationMs(),
    };
  }
}

// A base URL often has no resource of its own (404/405) while the API works; only
// rejected credentials and server errors mean the connection is not usable.
const isReachable = (status: number) => status < 500 && status !== 401 && status !== 403;

function describe(status: number): string {
  if (status === 401 || status === 403) {
    return `The API answered HTTP ${status}: the credentials were rejected. Check the auth settings.`;
  }
  if (status >= 500) return `The API answered HTTP ${status}: the server reported an error.`;
  if (status >= 400)
    return `Connected: the API answered HTTP ${status} at the base URL, and did not reject the credentials.`;
  return `Connected: the API answered HTTP ${status}.`;
}
