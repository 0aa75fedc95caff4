import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { documentedResponses } from './openapi/documented-responses.ts';
import { errorResponses } from './openapi/error-responses.ts';
import { operationIdFor } from './openapi/operation-ids.ts';
import { documentPageParams } from './openapi/page-params.ts';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** Who may call a route, by its URL: what `/docs` "Authorize → Try it out" needs to send. */
const securityByPrefix: Array<[prefix: string, security: Array<Record<string, string[]>>]> = [
  ['/api/v1/tenant-api/', [{ apiKey: [] }]],
  ['/api/v1/platform/', [{ platformToken: [] }]],
  ['/api/v1/widget/conversations/', [{ visitorToken: [] }]],
];

/** Routes registered without a summary of their own (their handlers live outside any feature). */
const summaries: Record<string, string> = {
  '/healthz': 'Liveness: the process is up',
  '/readyz': 'Readiness: the database answers (503 UNAVAILABLE when it does not)',
};

/** Descriptions of the documented success answers (OpenAPI requires one per response). */
const statusDescriptions: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted: queued to be sent now',
  '204': 'No content',
};

/** Routes that document no success shape yet still say what success looks like. */
const defaultSuccess = {
  '2XX': {
    type: 'object',
    description: 'Success: {"data": …}; lists also carry "meta": {limit, offset, total}',
    properties: { data: {}, meta: { type: 'object' } },
  },
};

export const securitySchemes = {
  apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
  platformToken: { type: 'http', scheme: 'bearer', description: 'PARLEY_PLATFORM_TOKEN' },
  visitorToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The visitorToken from starting a conversation',
  },
} as const;

/**
 * The zod transform, plus what each operation needs to be usable from `/docs` and by client
 * generators: its security requirement, an operationId, the success responses it really answers
 * (openapi/documented-responses.ts), page parameters as numbers, and the error envelope.
 *
 * Response schemas are added here, to the copy the document is built from, never to the route:
 * there they would take part in serialising answers, and documentation must not change behaviour.
 */
export function openapiTransform(input: TransformInput) {
  const method = [input.route.method].flat()[0];
  const documented = input.schema && !input.schema.response && documentedResponses(method, input.url);
  const out = jsonSchemaTransform(
    documented ? { ...input, schema: { ...input.schema, response: documented } } : input,
  );
  const schema = out.schema as Record<string, unknown> | undefined;
  if (!schema || schema.hide) return out;
  const security = securityByPrefix.find(([prefix]) => input.url.startsWith(prefix))?.[1];
  const summary = summaries[input.url];
  return {
    ...out,
    schema: {
      operationId: operationIdFor(method, input.url),
      ...(summary ? { summary } : {}),
      ...(security && !schema.security ? { security } : {}),
      ...schema,
      ...(schema.querystring
        ? { querystring: documentPageParams(input.schema?.querystring, schema.querystring) }
        : {}),
      response: {
        ...(schema.response ? {} : defaultSuccess),
        ...errorResponses,
        ...described(schema.response as Record<string, Record<string, unknown>> | undefined),
      },
    },
  };
}

function described(responses: Record<string, Record<string, unknown>> = {}) {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [
      status,
      response.description ? response : { ...response, description: statusDescriptions[status] ?? 'Success' },
    ]),
  );
}
