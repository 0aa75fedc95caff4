import { z } from 'zod';
import { httpUrlSchema as httpUrl } from '../http/http-url.schema.ts';
import {
  headerNameSchema,
  headersSchema,
  sendableInHeader,
  withoutControlCharacters,
} from './header.schema.ts';

const secretSchema = withoutControlCharacters(z.string().min(1, 'Required').max(4096));
/** A credential sent as it is in a header (a bearer token, an API key in a header). */
const headerSecretSchema = secretSchema.superRefine(sendableInHeader);

const httpUrlSchema = httpUrl();

// The same names endpoint query values are sealed under (endpoint-config.ts).
const credentialQueryName = /key|token|secret|password|passwd|signature|sig|auth|credential/i;

/**
 * A connection's base URL: a credential in its query would be stored and shown in clear (and
 * sent to every endpoint's URL); it belongs in `auth`, which seals it.
 */
const baseUrlSchema = httpUrlSchema.superRefine((raw, ctx) => {
  let names: string[];
  try {
    names = [...new URL(raw).searchParams.keys()];
  } catch {
    return;
  }
  const name = names.find((n) => credentialQueryName.test(n));
  if (name) {
    ctx.addIssue({
      code: 'custom',
      message: `Put the credential "${name}" in auth, not in baseUrl (it would be stored and shown in clear): {"type": "api_key", "key": "…", "in": "query", "queryParam": "${name}"}`,
    });
  }
});

export const noneAuthSchema = z.object({ type: z.literal('none') });

export const apiKeyAuthSchema = z
  .object({
    type: z.literal('api_key'),
    key: secretSchema,
    headerName: headerNameSchema.default('X-Api-Key'),
    in: z.enum(['header', 'query']).default('header'),
    queryParam: z.string().min(1).max(100).default('api_key'),
  })
  // In the query the key is percent-encoded; in a header it goes out as it is.
  .superRefine((auth, ctx) => {
    if (auth.in !== 'header') return;
    const check = headerSecretSchema.safeParse(auth.key);
    if (!check.success)
      ctx.addIssue({ code: 'custom', path: ['key'], message: check.error.issues[0].message });
  });

export const bearerAuthSchema = z.object({ type: z.literal('bearer'), token: headerSecretSchema });

export const basicAuthSchema = z.object({
  type: z.literal('basic'),
  // RFC 7617 §2: the user-id cannot contain a colon; the password can.
  username: withoutControlCharacters(z.string().max(1000)).refine(
    (u) => !u.includes(':'),
    'A Basic auth username cannot contain ":"',
  ),
  password: withoutControlCharacters(z.string().max(4096)),
});

export const oauth2ClientCredentialsAuthSchema = z.object({
  type: z.literal('oauth2_client_credentials'),
  tokenUrl: httpUrlSchema,
  clientId: withoutControlCharacters(z.string().min(1).max(1000)),
  clientSecret: secretSchema,
  scope: withoutControlCharacters(z.string().max(2000)).optional(),
  audience: withoutControlCharacters(z.string().max(2000)).optional(),
  /** RFC 6749 §2.3.1: HTTP Basic is the method servers must support; `body` sends them as form fields. */
  clientAuth: z.enum(['basic', 'body']).default('basic'),
  /** API statuses that discard the cached token and retry once with a new one. */
  refreshOn: z
    .array(z.union([z.literal(401), z.literal(403)]))
    .min(1)
    .default([401]),
});

export const authSchema = z.discriminatedUnion('type', [
  noneAuthSchema,
  apiKeyAuthSchema,
  bearerAuthSchema,
  basicAuthSchema,
  oauth2ClientCredentialsAuthSchema,
]);

export type Auth = z.infer<typeof authSchema>;
export type AuthType = Auth['type'];
export type ApiKeyAuth = z.infer<typeof apiKeyAuthSchema>;
export type BearerAuth = z.infer<typeof bearerAuthSchema>;
export type BasicAuth = z.infer<typeof basicAuthSchema>;
export type OAuth2ClientCredentialsAuth = z.infer<typeof oauth2ClientCredentialsAuthSchema>;

/** The fields of each auth type that are secrets: sealed at rest, masked in responses. */
export const secretFields = {
  none: [],
  api_key: ['key'],
  bearer: ['token'],
  basic: ['password'],
  oauth2_client_credentials: ['clientSecret'],
} as const satisfies { [T in AuthType]: readonly string[] };

/** The same rules as an endpoint's headers: a CR/LF in a value would break every call. */
export const connectionHeadersSchema = headersSchema;

export const connectionInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  baseUrl: baseUrlSchema,
  auth: authSchema.default({ type: 'none' }),
  headers: connectionHeadersSchema.default({}),
});
export type ConnectionInput = z.infer<typeof connectionInputSchema>;

/**
 * A PATCH: every field optional. Inside `auth`, with the type unchanged, an omitted field keeps its
 * stored value — a secret too, also when sent back masked — and `null` clears an optional one
 * (`scope`, `audience`); switching type needs every secret, and omitted settings take their
 * defaults. The merge happens in connection-config.ts.
 */
export const authPatchSchema = z.discriminatedUnion('type', [
  noneAuthSchema,
  z.object({
    type: z.literal('api_key'),
    key: secretSchema.optional(),
    headerName: headerNameSchema.optional(),
    in: z.enum(['header', 'query']).optional(),
    queryParam: z.string().min(1).max(100).optional(),
  }),
  bearerAuthSchema.extend({ token: headerSecretSchema.optional() }),
  basicAuthSchema.extend({
    username: basicAuthSchema.shape.username.optional(),
    password: basicAuthSchema.shape.password.optional(),
  }),
  z.object({
    type: z.literal('oauth2_client_credentials'),
    tokenUrl: httpUrlSchema.optional(),
    clientId: oauth2ClientCredentialsAuthSchema.shape.clientId.optional(),
    clientSecret: secretSchema.optional(),
    scope: oauth2ClientCredentialsAuthSchema.shape.scope.unwrap().nullable().optional(),
    audience: oauth2ClientCredentialsAuthSchema.shape.audience.unwrap().nullable().optional(),
    clientAuth: z.enum(['basic', 'body']).optional(),
    refreshOn: oauth2ClientCredentialsAuthSchema.shape.refreshOn.removeDefault().optional(),
  }),
]);
export type AuthPatch = z.infer<typeof authPatchSchema>;

export const connectionPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    baseUrl: baseUrlSchema,
    auth: authPatchSchema,
    headers: connectionHeadersSchema,
  })
  .partial();
export type ConnectionPatch = z.infer<typeof connectionPatchSchema>;

/** What the API shows: secrets masked (`****abcd`). */
export interface ConnectionView {
  id: string;
  name: string;
  baseUrl: string;
  auth: Record<string, unknown> & { type: AuthType };
  headers: Record<string, string>;
  /** A stored secret no master key of this server opens: what to do (re-enter it). */
  needsAttention?: string;
  createdAt: string;
  updatedAt: string;
}
