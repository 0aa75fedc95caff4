import type { FastifyInstance } from 'fastify';
import { isUuid } from '../db/ids.ts';

/**
 * UUIDs are case-insensitive (RFC 9562 §4) but ids are stored and compared in lower case, so an
 * id in upper case would name nothing. Every path parameter and query value that is a UUID is
 * lowered before any hook or handler reads it: one place instead of every route's schema.
 */
export function lowercaseUuids(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request and never waits.
  app.addHook('onRequest', (request, _reply, done) => {
    lowerUuidValues(request.params as Record<string, unknown> | undefined);
    lowerUuidValues(request.query as Record<string, unknown> | undefined);
    done();
  });
}

function lowerUuidValues(values: Record<string, unknown> | undefined): void {
  if (!values) return;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') {
      if (isUpperCaseUuid(value)) values[name] = value.toLowerCase();
    } else if (Array.isArray(value) && value.some(isUpperCaseUuid)) {
      values[name] = value.map((v) => (isUpperCaseUuid(v) ? v.toLowerCase() : v));
    }
  }
}

const isUpperCaseUuid = (value: unknown): value is string =>
  typeof value === 'string' && value.length === 36 && isUuid(value) && /[A-F]/.test(value);
