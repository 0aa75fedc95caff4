import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';

/** True when `{}` is a valid body, i.e. every field of the body schema is optional. */
function acceptsEmptyObject(schema: $ZodType): boolean {
  try {
    return z.safeParse(schema, {}).success;
  } catch {
    // An async refinement cannot be tried synchronously: keep the body required.
    return false;
  }
}

/**
 * The zod validator compiler, except that a route whose body fields are all optional treats a
 * missing body as `{}`: `POST /endpoints/{id}/test` with no body at all means "defaults", as
 * `{}` does. Routes with a required field keep answering that the body is missing.
 */
export const validatorCompilerWithOptionalBody: FastifySchemaCompiler<$ZodType> = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart !== 'body' || !acceptsEmptyObject(route.schema)) return validate;
  return (data) => validate(data ?? {});
};
