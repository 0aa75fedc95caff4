import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, errorStatus } from '../errors.ts';
import { envelope, noRouteMessage } from './error-handler.ts';

/**
 * Fastify's `frameworkErrors` option: failures of the router, before any route or hook runs.
 * An over-long path segment (find-my-way's maxParamLength) matches no route, so it is the
 * same 404 as any unknown path; nothing about the API's resources is revealed before auth.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      reply.status(404).send(envelope('NOT_FOUND', noRouteMessage(request)));
      return;
    case 'FST_ERR_BAD_URL':
      reply
        .status(400)
        .send(envelope('VALIDATION_ERROR', 'The URL is not valid: malformed percent-encoding.'));
      return;
    default:
      request.log.error({ err: error }, 'router error');
      reply.status(500).send(envelope('INTERNAL', 'Something went wrong on our side; it has been logged.'));
  }
}

const clientErrors: Record<string, { status: number; code: ErrorCode; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'VALIDATION_ERROR',
    message: 'The request did not arrive in time.',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request headers are too large.',
  },
};
const malformed = {
  status: errorStatus.VALIDATION_ERROR,
  code: 'VALIDATION_ERROR' as const,
  message: 'The request could not be read: malformed or incomplete HTTP.',
};

/**
 * Fastify's `clientErrorHandler` option: Node's HTTP parser gave up on the connection (e.g. a
 * body shorter than its Content-Length, a garbled request line). Answers in the envelope, then
 * closes, as Node's own handler does (https://nodejs.org/api/http.html#event-clienterror).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // A response already under way (e.g. a 401 sent before the body arrived) must not be followed by a second.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const { status, code, message } = clientErrors[error.code ?? ''] ?? malformed;
    const body = JSON.stringify(envelope(code, message));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
