import { z } from 'zod';
import { isWritableVariable, RESERVED_VARIABLE_MESSAGE } from '../../conversations/variables.ts';
import { parsePath } from './get-path.ts';

/** Names that would reach an object's prototype if used as plain keys. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export const variableNameSchema = z
  .string()
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'Use letters, digits, _ and . (starting with a letter or _)')
  .refine((name) => !RESERVED_NAMES.has(name), 'This name is reserved');

export const responsePathSchema = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (path) => parsePath(path) !== undefined,
    'Use a dot path with [n] indexes, e.g. data.items[0].name',
  );

export const responseMappingRuleSchema = z.object({
  from: responsePathSchema,
  // Such a mapping would be dropped on every call: say so when it is saved.
  to: variableNameSchema.refine(isWritableVariable, RESERVED_VARIABLE_MESSAGE),
});
