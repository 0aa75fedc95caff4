import { z } from 'zod';
import { PLACEHOLDER_NAME } from '../../connections/templating/find-placeholders.ts';

/** The same names `{placeholder}` templates accept, so every variable a rule names can be interpolated. */
export const variableNameSchema = z
  .string()
  .max(100)
  .regex(
    new RegExp(`^${PLACEHOLDER_NAME}$`),
    'A variable name starts with a letter or _ and holds only letters, digits, _, . or -',
  );

export function isVariableSet(variables: Readonly<Record<string, string>>, name: string): boolean {
  return Object.hasOwn(variables, name) && variables[name] !== '';
}
