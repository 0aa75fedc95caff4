import { z } from 'zod';
import { checkFieldDefinitions, fieldSchema } from './fields/field.schema.ts';
import { headersSchema } from './header.schema.ts';
import { responseMappingRuleSchema } from './mapping/response-mapping.schema.ts';
import { responseValidationSchema } from './validation/validation.schema.ts';

export {
  checkEndpointTemplates,
  type TemplateCheckedEndpoint,
  type TemplateIssue,
} from './templating/check-endpoint-templates.ts';

export const httpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export type HttpMethod = z.infer<typeof httpMethodSchema>;

/**
 * The path is appended to the connection's base URL, so it must not be able to
 * name another host (`//evil.example`, `https://…`) — SECURITY-NOTES
 * "Templates". Query strings belong in queryParams, where values are encoded.
 */
const pathSchema = z
  .string()
  .max(2000)
  .superRefine((path, ctx) => {
    const problem = pathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function pathProblem(path: string): string | undefined {
  if (path === '') return undefined;
  if (!path.startsWith('/')) return 'The path must start with / (or be empty to call the base URL itself)';
  if (path.startsWith('//')) return 'The path must not start with // (that would name another host)';
  if (/[a-z][a-z0-9+.-]*:\/\//i.test(path))
    return 'The path must not contain a URL scheme; the host belongs in the base URL';
  if (/[?#]/.test(path)) return 'Put query parameters in queryParams, not in the path (and no # fragments)';
  if (/[\\\s\u0000-\u001F\u007F]/.test(path))
    return 'The path must not contain backslashes, spaces or control characters';
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    return 'The path must not contain . or .. segments';
  }
  return undefined;
}

/** Text with {var} placeholders; a JSON object or array is accepted and stored as its text. */
const bodyTemplateSchema = z
  .union([z.string().max(100_000), z.record(z.string(), z.unknown()), z.array(z.unknown()), z.null()])
  .transform((body) => (typeof body === 'object' && body !== null ? JSON.stringify(body) : body || null));

/** A list's type error says what one item looks like (a mapping sent as an object is a common slip). */
const listOf = <T extends z.ZodType>(item: T, example: string) =>
  z.array(item, {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? `Expected a list like ${example}, received ${describe(issue.input)}`
        : undefined,
  });
const describe = (input: unknown) =>
  Array.isArray(input) ? 'array' : input === null ? 'null' : typeof input;

/** Every key of an endpoint, without defaults: the shape PATCH makes optional. */
const endpointShape = {
  name: z.string().trim().min(1).max(200),
  method: httpMethodSchema,
  path: pathSchema,
  queryParams: z.record(z.string().min(1).max(200), z.string().max(2000)),
  headers: headersSchema,
  bodyTemplate: bodyTemplateSchema,
  responseMapping: listOf(responseMappingRuleSchema, '[{"from": "data.status", "to": "order_status"}]').max(
    100,
  ),
  description: z.string().max(2000),
  fields: listOf(fieldSchema, '[{"name": "orderId", "type": "string", "required": true}]').max(50),
  validations: listOf(
    responseValidationSchema,
    '[{"input": "email", "compareWith": "billing.email", "type": "equals_ignore_case", "errorMessage": "…"}]',
  ).max(20),
  /** The executor clamps this to PARLEY_OUTBOUND_TIMEOUT_MS. */
  timeoutMs: z.number().int().min(100).max(60_000),
  /** Offered to LLM providers as a tool. Default: true for GET, false for methods that change data. */
  aiCallable: z.boolean(),
  /** Guidance for the AI on when and how to use the endpoint (seed 002, step 4). */
  aiPrompt: z.string().max(4000).optional(),
};

function refineFields(endpoint: { fields?: z.output<typeof fieldSchema>[] }, ctx: z.RefinementCtx): void {
  for (const issue of checkFieldDefinitions(endpoint.fields ?? [])) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
}

export const endpointInputSchema = z
  .object({
    ...endpointShape,
    method: endpointShape.method.default('GET'),
    path: endpointShape.path.default(''),
    queryParams: endpointShape.queryParams.default({}),
    headers: endpointShape.headers.default({}),
    bodyTemplate: endpointShape.bodyTemplate.default(null),
    responseMapping: endpointShape.responseMapping.default([]),
    description: endpointShape.description.default(''),
    fields: endpointShape.fields.default([]),
    validations: endpointShape.validations.default([]),
    timeoutMs: endpointShape.timeoutMs.default(5000),
    aiCallable: endpointShape.aiCallable.optional(),
  })
  .superRefine(refineFields)
  // An LLM may call a read (GET) unasked; an endpoint that changes data (POST, PUT, PATCH, DELETE)
  // becomes a tool only when the admin says so — a visitor's words must not delete an account.
  .transform((endpoint) => ({ ...endpoint, aiCallable: endpoint.aiCallable ?? endpoint.method === 'GET' }));

/** PATCH: every key optional and no defaults, so omitted keys keep their stored value. */
export const endpointPatchSchema = z.object(endpointShape).partial().superRefine(refineFields);

export type EndpointInput = z.input<typeof endpointInputSchema>;
export type Endpoint = z.output<typeof endpointInputSchema>;
export type EndpointPatch = z.output<typeof endpointPatchSchema>;
