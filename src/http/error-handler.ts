import type { FastifyError, FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { AppError, type ErrorCode, type ErrorDetail, errorStatus } from '../errors.ts';
import { UNSUPPORTED_CONTENT_TYPE } from './json-body-parser.ts';
import { allowedMethods, methodNotAllowedMessage } from './method-not-allowed.ts';

const codeByStatus: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(errorStatus).map(([code, status]) => [status, code as ErrorCode]),
);

export function envelope(code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return { error: details?.length ? { code, message, details } : { code, message } };
}

export const noRouteMessage = (request: FastifyRequest) =>
  `No route for ${request.method} ${request.url.split('?')[0]}.`;

// SQLSTATE 22021 (invalid byte sequence, e.g. NUL in text) and 22P05 (untranslatable character,
// e.g. \u0000 in jsonb): text PostgreSQL cannot store. The JSON parser refuses NUL already; this
// catches what arrives another way (a URL, a query string).
const unstorableTextSqlStates = new Set(['22021', '22P05']);

function isUnstorableText(error: unknown): boolean {
  return error instanceof Error && unstorableTextSqlStates.has(String((error as { code?: unknown }).code));
}

function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Maps every failure, ours or Fastify's, to the SPEC §2 envelope; 5xx details stay in the log. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | ZodError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send(envelope(error.code, error.message, error.details));
    }
    if (error instanceof ZodError) {
      return reply.status(400).send(envelope('VALIDATION_ERROR', 'Invalid request.', zodDetails(error)));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'Invalid value',
      }));
      const first = details[0];
      return reply
        .status(400)
        .send(
          envelope('VALIDATION_ERROR', `Invalid ${first?.path ?? 'request'}: ${first?.message}`, details),
        );
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      return reply.status(400).send(envelope('VALIDATION_ERROR', fe.message));
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(envelope('VALIDATION_ERROR', 'The request body is not valid JSON.'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(envelope('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(400).send(envelope('VALIDATION_ERROR', UNSUPPORTED_CONTENT_TYPE));
    }
    const status = fe.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = codeByStatus[status] ?? 'VALIDATION_ERROR';
      return reply.status(status).send(envelope(code, fe.message));
    }
    if (isUnstorableText(error)) {
      return reply
        .status(400)
        .send(
          envelope(
            'VALIDATION_ERROR',
            'The request holds text that cannot be stored (e.g. the NUL character).',
          ),
        );
    }
    if (isDatabaseUnavailable(error)) {
      // PostgreSQL restarting or failing over: a 503 tells clients and load balancers to retry.
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(envelope('UNAVAILABLE', 'The database is unavailable right now; retry in a few seconds.'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(envelope('INTERNAL', 'Something went wrong on our side; it has been logged.'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = allowedMethods(app, path);
    // A route of this very method that answers "not found" itself (reply.callNotFound) stays a 404.
    if (allowed.length > 0 && !allowed.includes(request.method as HTTPMethods)) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send(envelope('METHOD_NOT_ALLOWED', methodNotAllowedMessage(request.method, path, allowed)));
    }
    return reply.status(404).send(envelope('NOT_FOUND', noRouteMessage(request)));
  });
}
