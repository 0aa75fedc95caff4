import { assertNever } from '../../errors.ts';
import type { GuardedFetch } from '../../http/guarded-fetch/guarded-fetch.ts';
import type { CallError } from '../call-error.ts';
import type { Auth, OAuth2ClientCredentialsAuth } from '../connection.schema.ts';
import { apiKeyAuth } from './api-key.ts';
import type { AuthContribution } from './auth-contribution.ts';
import { basicAuth } from './basic.ts';
import { bearerAuth, bearerContribution } from './bearer.ts';
import { noneAuth } from './none.ts';
import { fetchClientCredentialsToken, tokenFingerprint } from './oauth2-client-credentials.ts';
import type { TokenCache, TokenKey } from './token-cache.ts';

export type { AuthContribution } from './auth-contribution.ts';

export interface AuthDeps {
  fetch: GuardedFetch;
  tokens: TokenCache;
  key: TokenKey;
  timeoutMs: number;
}

export type AuthResult =
  | {
      ok: true;
      contribution: AuthContribution /** The OAuth2 token used, to discard it on 401. */;
      token?: string;
    }
  | { ok: false; error: CallError };

/** One dispatcher over the five strategies; each returns what to add and never mutates the request. */
export function resolveAuth(auth: Auth, deps: AuthDeps): AuthResult | Promise<AuthResult> {
  switch (auth.type) {
    case 'none':
      return { ok: true, contribution: noneAuth() };
    case 'api_key':
      return { ok: true, contribution: apiKeyAuth(auth) };
    case 'bearer':
      return { ok: true, contribution: bearerAuth(auth) };
    case 'basic':
      return { ok: true, contribution: basicAuth(auth) };
    case 'oauth2_client_credentials':
      return resolveOAuth2(auth, deps);
    default:
      return assertNever(auth);
  }
}

const fingerprints = new WeakMap<OAuth2ClientCredentialsAuth, string>();

async function resolveOAuth2(auth: OAuth2ClientCredentialsAuth, deps: AuthDeps): Promise<AuthResult> {
  let fingerprint = fingerprints.get(auth);
  if (fingerprint === undefined) {
    fingerprint = tokenFingerprint(auth);
    fingerprints.set(auth, fingerprint);
  }
  const outcome = await deps.tokens.getToken(deps.key, fingerprint, () =>
    fetchClientCredentialsToken(deps.fetch, auth, deps.timeoutMs),
  );
  if (!outcome.ok) return outcome;
  return { ok: true, contribution: bearerContribution(outcome.token), token: outcome.token };
}

/** The contribution without any I/O: static credentials as they are sent, an OAuth2 token as a placeholder (dry runs). */
export function authWithoutToken(auth: Auth): AuthContribution {
  switch (auth.type) {
    case 'none':
      return noneAuth();
    case 'api_key':
      return apiKeyAuth(auth);
    case 'bearer':
      return bearerAuth(auth);
    case 'basic':
      return basicAuth(auth);
    case 'oauth2_client_credentials':
      return bearerContribution('<token fetched at call time>');
    default:
      return assertNever(auth);
  }
}

/** Whether an API status means "this token is no longer good": discard, fetch once more, retry once. */
export function shouldRefreshToken(auth: Auth, status: number): auth is OAuth2ClientCredentialsAuth {
  return auth.type === 'oauth2_client_credentials' && (auth.refreshOn as number[]).includes(status);
}
