import type { AuthContribution } from './auth/auth-contribution.ts';
import type { Auth } from './connection.schema.ts';
import { isSensitiveHeader } from './connection-config.ts';
import { isRawJson } from './mapping/raw-json.ts';

export const REDACTED = '[REDACTED]';

export interface RequestShape {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const sensitiveQuery = /key|token|secret|password|passwd|signature|sig|auth|credential/i;

/** Query parameter names whose values never leave memory: the auth one and credential-looking ones. */
export function isSecretQueryParam(name: string, auth: Auth, contribution?: AuthContribution): boolean {
  if (contribution && Object.hasOwn(contribution.query, name)) return true;
  if (auth.type === 'api_key' && auth.in === 'query' && auth.queryParam === name) return true;
  return sensitiveQuery.test(name);
}

/**
 * Removes every known secret string from free text (error messages can quote a
 * URL or a body). Short strings are skipped: they would blank unrelated text
 * and carry no real secret.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets)
    if (secret.length >= 4 && out.includes(secret)) out = out.replaceAll(secret, REDACTED);
  return out;
}

/** scrubSecrets over every string inside a parsed JSON value (an upstream may echo the request back). */
export function scrubValue(value: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return scrubSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets));
  if (value !== null && typeof value === 'object' && !isRawJson(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, secrets)]));
  }
  return value;
}

/** Most URLs carry no credential-looking parameter: those are not parsed at all. */
function mayHoldSecretQuery(url: string, auth: Auth, contribution?: AuthContribution): boolean {
  const query = url.indexOf('?');
  if (query < 0) return false;
  if (contribution && Object.keys(contribution.query).length > 0) return true;
  return (auth.type === 'api_key' && auth.in === 'query') || sensitiveQuery.test(url.slice(query));
}

/** The URL as the call log keeps it: credential query parameters removed. */
export function redactUrlForLog(url: string, auth: Auth, secrets: readonly string[]): string {
  const stripped = mayHoldSecretQuery(url, auth)
    ? editQuery(url, (params) => {
        for (const name of [...params.keys()]) if (isSecretQueryParam(name, auth)) params.delete(name);
      })
    : url;
  return scrubSecrets(stripped, secrets);
}

/** The request as an admin may see it echoed: credentials shown as "[REDACTED]". */
export function redactRequest(
  request: RequestShape,
  auth: Auth,
  contribution: AuthContribution | undefined,
  secrets: readonly string[],
): RequestShape {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const secret = (contribution && Object.hasOwn(contribution.headers, name)) || isSensitiveHeader(name);
    headers[name] = secret ? REDACTED : scrubSecrets(value, secrets);
  }
  const url = mayHoldSecretQuery(request.url, auth, contribution)
    ? editQuery(request.url, (params) => {
        for (const name of [...new Set(params.keys())]) {
          if (isSecretQueryParam(name, auth, contribution)) params.set(name, REDACTED);
        }
      })
    : request.url;
  const redacted: RequestShape = { method: request.method, url: scrubSecrets(url, secrets), headers };
  if (request.body !== undefined) redacted.body = scrubSecrets(request.body, secrets);
  return redacted;
}

function editQuery(url: string, edit: (params: URLSearchParams) => void): string {
  try {
    const parsed = new URL(url);
    if (parsed.search === '') return url;
    edit(parsed.searchParams);
    return parsed.href;
  } catch {
    return url;
  }
}
