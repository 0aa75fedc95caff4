import crypto from 'node:crypto';
import type { GuardedFetch, GuardedResponse } from '../../http/guarded-fetch/guarded-fetch.ts';
import { type CallError, callError, callErrorFrom } from '../call-error.ts';
import type { OAuth2ClientCredentialsAuth } from '../connection.schema.ts';

export type TokenFetchResult =
  | { ok: true; token: string; lifetimeMs: number }
  | { ok: false; error: CallError };

const DEFAULT_LIFETIME_S = 3600;
const MAX_LIFETIME_S = 24 * 3600;
const TOKEN_RESPONSE_MAX_BYTES = 64 * 1024;

/** RFC 6749 Appendix B: application/x-www-form-urlencoded, as §2.3.1 asks for the Basic credentials. */
const formEncode = (value: string): string => new URLSearchParams([['', value]]).toString().slice(1);

/** The token request (RFC 6749 §4.4.2). Redirects are never followed: the secret would go with them. */
export function buildTokenRequest(auth: OAuth2ClientCredentialsAuth, timeoutMs: number) {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (auth.scope) form.set('scope', auth.scope);
  if (auth.audience) form.set('audience', auth.audience);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (auth.clientAuth === 'body') {
    form.set('client_id', auth.clientId);
    form.set('client_secret', auth.clientSecret);
  } else {
    const credentials = `${formEncode(auth.clientId)}:${formEncode(auth.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  }
  return {
    method: 'POST',
    url: auth.tokenUrl,
    headers,
    body: form.toString(),
    timeoutMs,
    maxBodyBytes: TOKEN_RESPONSE_MAX_BYTES,
    maxRedirects: 0,
  };
}

export async function fetchClientCredentialsToken(
  fetch: GuardedFetch,
  auth: OAuth2ClientCredentialsAuth,
  timeoutMs: number,
): Promise<TokenFetchResult> {
  let res: GuardedResponse;
  try {
    res = await fetch(buildTokenRequest(auth, timeoutMs));
  } catch (err) {
    const error = callErrorFrom(err);
    return { ok: false, error: { ...error, message: `OAuth2 token request failed: ${error.message}` } };
  }
  return parseTokenResponse(res);
}

/** Reads RFC 6749 §5.1 (success) and §5.2 (error) answers; some providers answer form-encoded. */
export function parseTokenResponse(res: GuardedResponse): TokenFetchResult {
  const text = res.body.toString('utf8');
  const doc = parseDocument(text, res.headers['content-type']);
  if (res.status < 200 || res.status > 299) {
    const code = typeof doc?.error === 'string' ? doc.error : undefined;
    const description = typeof doc?.error_description === 'string' ? doc.error_description : undefined;
    const detail =
      [code, description].filter(Boolean).join(': ') || text.slice(0, 200).trim() || 'no details given';
    return fail(`the token endpoint answered HTTP ${res.status} (${detail.slice(0, 500)})`);
  }
  const token = doc?.access_token;
  if (typeof token !== 'string' || token === '') {
    return fail(`the token endpoint answered HTTP ${res.status} without an access_token`);
  }
  return { ok: true, token, lifetimeMs: tokenLifetimeSeconds(doc?.expires_in) * 1000 };
}

/**
 * `expires_in` is RECOMMENDED, not required (RFC 6749 §5.1), and real servers send
 * numbers, numeric strings, 0 or nonsense. Missing or unreadable: one hour. Zero or
 * negative: already expired, so the token serves the waiting calls and is not kept.
 * Anything beyond a day is capped, so a revoked secret is noticed within a day.
 */
export function tokenLifetimeSeconds(raw: unknown): number {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_LIFETIME_S;
  if (value <= 0) return 0;
  return Math.min(value, MAX_LIFETIME_S);
}

/** Refresh a safety margin before expiry: 30 s, or 10 % for short-lived tokens. */
export function refreshDelayMs(lifetimeMs: number): number {
  return lifetimeMs - Math.min(30_000, lifetimeMs * 0.1);
}

/** Changes whenever anything that decides which token the server issues changes. */
export function tokenFingerprint(auth: OAuth2ClientCredentialsAuth): string {
  const parts = [auth.tokenUrl, auth.clientId, auth.clientSecret, auth.scope, auth.audience, auth.clientAuth];
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** Why a token endpoint's answer gives no token (its log entry's error), or null when it does. */
export function tokenAnswerProblem(res: GuardedResponse): string | null {
  const parsed = parseTokenResponse(res);
  return parsed.ok ? null : parsed.error.message;
}

function parseDocument(text: string, contentType: string | undefined): Record<string, unknown> | undefined {
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const doc: unknown = JSON.parse(text);
    return doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fail(detail: string): TokenFetchResult {
  return { ok: false, error: callError('UPSTREAM_ERROR', `OAuth2 token request failed: ${detail}`) };
}
