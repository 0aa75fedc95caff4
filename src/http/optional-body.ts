import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';

/**
 * The zod validator compiler, except that a missing body is validated as `{}`: where every field
 * is optional (`POST /endpoints/{id}/test`) that means "defaults", as `{}` does; elsewhere the
 * answer names what is required ("Give status and/or assignedTo", "name: Required") instead of
 * "expected object, received null".
 */
export const validatorCompilerWithOptionalBody: FastifySchemaCompiler<$ZodType> = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart !== 'body') return validate;
  return (data) => validate(data ?? {});
};
