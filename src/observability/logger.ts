import type { FastifyServerOptions } from 'fastify';

/**
 * Query parameters that carry credentials (WebSocket auth, visitor tokens, and whatever a client
 * puts in a URL by mistake: OAuth codes, signatures, secrets) are blanked in logged URLs.
 */
const SECRET_QUERY =
  /([?&](?:api_?key|x-api-key|key|token|visitor_?token|access_token|refresh_token|id_token|code|secret|client_secret|password|passwd|signature|sig|session|auth|authorization|credentials?)=)[^&#]*/gi;

export const redactUrl = (url: string): string => url.replace(SECRET_QUERY, '$1[REDACTED]');

/** Paths pino blanks wherever they appear in a log line. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.key',
  '*.secret',
  '*.clientSecret',
  '*.accessToken',
  '*.access_token',
  '*.authorization',
];

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactPaths, censor: '[REDACTED]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
    ...(stream ? { stream } : {}),
  } as FastifyServerOptions['logger'];
}
