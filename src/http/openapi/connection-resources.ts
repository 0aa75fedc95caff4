import { z } from 'zod';
import type { CallLogView } from '../../connections/call-logs/list-call-logs.ts';
import { httpMethodSchema } from '../../connections/endpoint.schema.ts';
import type { EndpointView } from '../../connections/endpoints.repository.ts';
import { fieldSchema } from '../../connections/fields/field.schema.ts';
import { responseMappingRuleSchema } from '../../connections/mapping/response-mapping.schema.ts';
import type { ConnectionTestResult } from '../../connections/test-connection.ts';
import { responseValidationSchema } from '../../connections/validation/validation.schema.ts';
import { dateTime, exactly, uuid } from './envelopes.ts';

/** SPEC §6: connections (secrets masked), endpoints, their test buttons and the call log. */

const masked = (what: string) => z.string().describe(`${what}, masked ("****abcd")`);

/** The stored auth settings with every secret masked; the defaults of connection.schema.ts are filled in. */
const authView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('api_key'),
    key: masked('The key'),
    headerName: z.string(),
    in: z.enum(['header', 'query']),
    queryParam: z.string(),
  }),
  z.object({ type: z.literal('bearer'), token: masked('The token') }),
  z.object({ type: z.literal('basic'), username: z.string(), password: masked('The password') }),
  z.object({
    type: z.literal('oauth2_client_credentials'),
    tokenUrl: z.string(),
    clientId: z.string(),
    clientSecret: masked('The client secret'),
    scope: z.string().optional(),
    audience: z.string().optional(),
    clientAuth: z.enum(['basic', 'body']),
    refreshOn: z.array(z.union([z.literal(401), z.literal(403)])),
  }),
]);

export const connectionResource = z.object({
  id: uuid(),
  name: z.string(),
  baseUrl: z.string(),
  auth: authView,
  headers: z
    .record(z.string(), z.string())
    .describe('Sent with every call; values of credential-like headers are masked'),
  needsAttention: z
    .string()
    .optional()
    .describe('A stored secret no master key of this server opens: what to do (re-enter it)'),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

export const connectionTestResource = exactly<ConnectionTestResult>()(
  z.object({
    ok: z.boolean(),
    status: z.int().optional().describe('The HTTP status the API answered, when it answered'),
    message: z.string(),
    durationMs: z.number(),
  }),
);

const endpointFields = {
  id: uuid(),
  connectionId: uuid(),
  name: z.string(),
  method: httpMethodSchema,
  path: z.string().describe('Appended to the connection base URL; may hold {variable} placeholders'),
  queryParams: z.record(z.string(), z.string()),
  headers: z.record(z.string(), z.string()),
  bodyTemplate: z.string().nullable(),
  responseMapping: z.array(responseMappingRuleSchema),
  description: z.string(),
  fields: z.array(fieldSchema),
  validations: z.array(responseValidationSchema),
  timeoutMs: z.int(),
  aiCallable: z.boolean(),
  aiPrompt: z.string().optional(),
  createdAt: dateTime(),
  updatedAt: dateTime(),
};

export const endpointResource = exactly<EndpointView>()(z.object(endpointFields));

/** What POST and PATCH answer: the endpoint, plus names it relies on without declaring them. */
export const savedEndpointResource = z.object({
  ...endpointFields,
  warnings: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe('Present only when there are any'),
});

const requestEcho = z
  .object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string().optional(),
  })
  .describe('The request as sent (or as it would be sent), credentials shown as "[REDACTED]"');

export const endpointTestResource = z.object({
  ok: z.boolean(),
  status: z.int().optional().describe('The upstream HTTP status, when a response arrived'),
  request: requestEcho.nullable(),
  response: z
    .object({ status: z.int(), headers: z.record(z.string(), z.string()), body: z.unknown() })
    .nullable(),
  mapped: z.record(z.string(), z.string()),
  missing: z.array(z.string()).describe('Required variables nobody supplied'),
  unmapped: z.array(z.string()).describe('Mapping paths the response did not contain'),
  validation: z.object({
    passed: z.boolean(),
    errors: z.array(
      z.object({
        input: z.string(),
        compareWith: z.string(),
        type: responseValidationSchema.shape.type,
        message: z.string(),
      }),
    ),
  }),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  durationMs: z.int(),
});

export const callLogResource = exactly<CallLogView>()(
  z.object({
    id: uuid(),
    createdAt: dateTime(),
    connectionId: uuid().nullable(),
    endpointId: uuid().nullable(),
    conversationId: uuid().nullable(),
    source: z.string().describe('Who made the call: rule, ai, test or import'),
    method: z.string(),
    url: z.string().describe('Redacted'),
    status: z.int().nullable(),
    durationMs: z.number(),
    ok: z.boolean(),
    error: z.string().nullable(),
  }),
);

/** A rule that is not saved: the body to send to `POST /rules` once it suits. */
const suggestedRule = z
  .record(z.string(), z.unknown())
  .describe('A suggested rule, not saved: the body POST /rules accepts');

export const connectionTemplateResource = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  baseUrlPlaceholder: z.string(),
  inputs: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      secret: z.boolean().describe('Sealed and masked like any connection credential'),
    }),
  ),
  authType: z.enum(['none', 'api_key', 'bearer', 'basic', 'oauth2_client_credentials']),
  endpoints: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      method: httpMethodSchema,
      path: z.string(),
      description: z.string(),
    }),
  ),
  rule: suggestedRule,
});

export const fromTemplateResource = z.object({
  connection: connectionResource,
  endpoints: z.array(endpointResource),
  rule: suggestedRule.describe(
    "A suggested rule calling the new endpoints, not saved (disabled while the template's placeholders remain)",
  ),
  notes: z.array(z.string()).describe('What to fill in before it works'),
});

export const openApiImportResource = z.object({
  connection: connectionResource,
  endpoints: z.array(endpointResource),
  skipped: z
    .array(z.object({ method: z.string(), path: z.string(), reason: z.string() }))
    .describe('Operations of the document that did not become endpoints, and why'),
  notes: z.array(z.string()),
});
