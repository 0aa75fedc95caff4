import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** Who may call a route, by its URL: what `/docs` "Authorize → Try it out" needs to send. */
const securityByPrefix: Array<[prefix: string, security: Array<Record<string, string[]>>]> = [
  ['/api/v1/tenant-api/', [{ apiKey: [] }]],
  ['/api/v1/platform/', [{ platformToken: [] }]],
  ['/api/v1/widget/conversations/', [{ visitorToken: [] }]],
];

const errorEnvelope = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['VALIDATION_ERROR'] },
        message: { type: 'string' },
        details: { type: 'array', items: {} },
      },
    },
  },
};

const errorResponses = {
  '4XX': {
    ...errorEnvelope,
    description: 'Refused: the error says why (VALIDATION_ERROR, UNAUTHORIZED, NOT_FOUND, …)',
  },
  '5XX': { ...errorEnvelope, description: 'Server or upstream failure, in the same envelope' },
};

/** Routes that declare no success schema still say what success looks like. */
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
 * generators: its security requirement and the error envelope every route can answer with.
 */
export function openapiTransform(input: TransformInput) {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Record<string, unknown> | undefined;
  if (!schema || schema.hide) return out;
  const security = securityByPrefix.find(([prefix]) => input.url.startsWith(prefix))?.[1];
  return {
    ...out,
    schema: {
      ...(security && !schema.security ? { security } : {}),
      ...schema,
      response: {
        ...(schema.response ? {} : defaultSuccess),
        ...errorResponses,
        ...(schema.response as object),
      },
    },
  };
}
