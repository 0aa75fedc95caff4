import { isInternalVariable } from '../conversations/variables.ts';

/**
 * Which session variables an AI model may see — and the embedded reply may list to the visitor.
 * Anything in a prompt can be repeated to the visitor, and seed 002 says credentials are never
 * exposed to users, yet a chained login maps `token → session_token` into the session. So
 * internal variables (leading "_", such as _pendingRule), variables named like credentials and
 * values that are credentials are left out. The rules engine and endpoint calls still use them.
 */

/** Stems that mark a credential anywhere in a name: `accesstoken`, `clientSecret`, `PASSWD`. */
const CREDENTIAL_STEMS = [
  'token',
  'secret',
  'passw',
  'passwd',
  'passphrase',
  'passcode',
  'apikey',
  'credential',
  'cookie',
  'signature',
  'privatekey',
  'bearer',
  'jwt',
];
/** Words that mark a credential only as a whole word part (`auth_code`, not `author`; `sessionId`, not `possession`). */
const CREDENTIAL_WORDS = new Set([
  'auth',
  'authorization',
  'authorisation',
  'authn',
  'session',
  'sessionid',
  'sid',
  'pwd',
  'pin',
  'otp',
  'csrf',
  'xsrf',
]);
/** `key` is a credential after these words: `api_key`, `x-api-key`, `privateKey`, `access_key`. */
const KEY_QUALIFIERS = new Set([
  'api',
  'private',
  'access',
  'secret',
  'signing',
  'client',
  'license',
  'master',
]);

/** "x_api_key" → x, api, key; "accessToken" → access, token; "APIKey" → api, key. */
function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * True for names that look like credentials, case-insensitive and as a word part: `session_token`,
 * `accessToken`, `x_api_key`, `password`, `auth_code`, `sessionId`.
 */
export function isCredentialName(name: string): boolean {
  const parts = nameParts(name);
  const joined = parts.join('');
  if (CREDENTIAL_STEMS.some((stem) => joined.includes(stem))) return true;
  return parts.some(
    (part, i) =>
      CREDENTIAL_WORDS.has(part) ||
      (part === 'key' && (parts.length === 1 || KEY_QUALIFIERS.has(parts[i - 1]))),
  );
}

/** A value shaped like a credential whatever its name: a JWT, or an Authorization header value. */
const CREDENTIAL_VALUE = /^(?:eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*|(?:Bearer|Basic)\s+\S{8,})$/i;
/** Stored secrets shorter than this are only hidden when the whole value equals them (a PIN-like "1234" inside an order number is no leak). */
const MIN_EMBEDDED_SECRET = 8;

/** True when the value is, or carries, one of the tenant's stored secrets. */
function carriesSecret(value: string, secrets: readonly string[]): boolean {
  const trimmed = value.trim();
  return secrets.some(
    (secret) =>
      secret !== '' &&
      (trimmed === secret || (secret.length >= MIN_EMBEDDED_SECRET && value.includes(secret))),
  );
}

/** A value that could be a stored secret: only then are the tenant's secrets worth loading. */
export const mightBeSecret = (value: string): boolean => value.length >= 4 && !/\s/.test(value.trim());

/**
 * The variables a model may see: no internal (`_…`) ones, none named like a credential, none whose
 * value is a credential (a JWT, "Bearer …", or one of `secrets`, the tenant's stored ones).
 */
export function modelVisibleVariables(
  variables: Readonly<Record<string, string>>,
  secrets: readonly string[] = [],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).filter(
      ([name, value]) =>
        !isInternalVariable(name) &&
        !isCredentialName(name) &&
        !CREDENTIAL_VALUE.test(value.trim()) &&
        !carriesSecret(value, secrets),
    ),
  );
}
