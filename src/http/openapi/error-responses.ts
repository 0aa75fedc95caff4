import { errorStatus } from '../../errors.ts';

/** Every code the `{error}` envelope can carry: SPEC §2's list, 405 and the readiness probe's 503. */
export const errorCodes = Object.keys(errorStatus);

const errorEnvelope = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: {
          type: 'string',
          enum: errorCodes,
          description: Object.entries(errorStatus)
            .map(([code, status]) => `${code} ${status}`)
            .join(', '),
        },
        message: { type: 'string' },
        details: {
          type: 'array',
          description: 'Which inputs were refused, when it is about inputs',
          items: {
            type: 'object',
            required: ['message'],
            properties: {
              path: { type: 'string', examples: ['body.name'] },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

/** Any route can answer with these, in the same envelope. */
export const errorResponses = {
  '4XX': {
    ...errorEnvelope,
    description: 'Refused: the error says why (VALIDATION_ERROR, UNAUTHORIZED, NOT_FOUND, …)',
  },
  '5XX': { ...errorEnvelope, description: 'Server or upstream failure, in the same envelope' },
};
