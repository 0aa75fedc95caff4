import { z } from 'zod';

/**
 * Building blocks of the documentation-only response schemas (SPEC §2 shapes). They are never
 * attached to a route, so they cannot change what a route answers (a route's response schema takes
 * part in serialising it); openapi-document.ts hands them to the zod transform instead.
 */

/** IDs are UUIDv7 strings (SPEC §2). */
export const uuid = () => z.uuid();

/** Times are ISO 8601 with an offset (`2026-04-11T14:30:00+00:00`, SPEC §2). */
export const dateTime = () => z.iso.datetime({ offset: true });

/**
 * Fails to compile ("Expected 2 arguments") unless the documented schema's output is exactly `T`,
 * the type the code answers with: a field added to, retyped in or dropped from a resource cannot
 * silently leave the document behind. Answers whose type is looser than what is really sent
 * (connection auth, test results) are written from the code that builds them, and
 * openapi-responses.test.ts checks them all against real answers.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const exactly =
  <T>() =>
  <S extends z.ZodType>(schema: S, ..._sameAsCode: Same<z.output<S>, T> extends true ? [] : [never]) =>
    schema;

/** `{"data": resource}`. */
export const one = (resource: z.ZodType) => z.object({ data: resource });

/** `{"data": [resource], "meta": {limit, offset, total}}` (SPEC §2 lists). */
export const page = (resource: z.ZodType) =>
  z.object({
    data: z.array(resource),
    meta: z.object({
      limit: z.int().min(1),
      offset: z.int().min(0),
      total: z.int().min(0).describe('How many items the whole list holds'),
    }),
  });

/** 204: no body at all. `type: "null"` is how @fastify/swagger is told to write no `content`. */
export const noContent = () => z.null().describe('No content');
