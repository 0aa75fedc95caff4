import { getPath } from '../mapping/get-path.ts';
import { jsonValueToString } from '../mapping/json-value-to-string.ts';
import { isRawJson } from '../mapping/raw-json.ts';
import { foldCase } from './fold-case.ts';
import type { ValidationType } from './validation.schema.ts';

export type ResponseValidationRule = {
  readonly input: string;
  readonly compareWith: string;
  readonly type: ValidationType;
  readonly errorMessage: string;
};

export type ValidationFailure = { input: string; compareWith: string; type: ValidationType; message: string };

export type ValidationOutcome = { passed: boolean; errors: ValidationFailure[] };

/**
 * Runs every validation against the parsed response (big integers as raw-JSON
 * markers are compared by their exact digits). These checks guard who may see
 * the data, so they fail closed: a missing input variable, an absent or null
 * response value, or an empty string on either side of a comparison fails —
 * "" must never "equal" an empty billing email. The failure message is the
 * tenant's `errorMessage`, the only thing a visitor or AI model gets to see.
 *
 * @example
 * validateResponse({ billing: { email: 'Ann@Shop.com' } },
 *   [{ input: 'email', compareWith: 'billing.email', type: 'equals_ignore_case', errorMessage: 'No match' }],
 *   { email: 'ann@shop.com' }) // → { passed: true, errors: [] }
 */
export function validateResponse(
  parsedBody: unknown,
  validations: readonly ResponseValidationRule[],
  variables: Readonly<Record<string, unknown>>,
): ValidationOutcome {
  const errors: ValidationFailure[] = [];
  for (const validation of validations) {
    if (!passes(validation, parsedBody, variables)) {
      const { input, compareWith, type, errorMessage } = validation;
      errors.push({ input, compareWith, type, message: errorMessage });
    }
  }
  return { passed: errors.length === 0, errors };
}

function passes(
  validation: ResponseValidationRule,
  parsedBody: unknown,
  variables: Readonly<Record<string, unknown>>,
): boolean {
  const found = getPath(parsedBody, validation.compareWith);
  if (found === undefined || found === null) return false;
  const actual = jsonValueToString(found);
  if (validation.type === 'not_empty') return isNonEmpty(found, actual);

  const raw = Object.hasOwn(variables, validation.input) ? variables[validation.input] : undefined;
  if (raw === undefined || raw === null) return false;
  const expected = jsonValueToString(raw);
  if (expected.trim() === '' || actual.trim() === '') return false;
  return compare(validation.type, expected, actual);
}

function compare(type: Exclude<ValidationType, 'not_empty'>, expected: string, actual: string): boolean {
  switch (type) {
    case 'equals':
      return actual === expected;
    case 'equals_ignore_case':
      return foldCase(actual) === foldCase(expected);
    case 'contains':
      return foldCase(actual).includes(foldCase(expected));
    default:
      return assertNever(type);
  }
}

/** Present and not blank: "", "   ", [] and {} are empty; 0 and false are values. */
function isNonEmpty(found: unknown, text: string): boolean {
  if (Array.isArray(found)) return found.length > 0;
  if (typeof found === 'object' && found !== null && !isRawJson(found)) return Object.keys(found).length > 0;
  return text.trim() !== '';
}

function assertNever(value: never): never {
  throw new Error(`Unhandled validation type: ${String(value)}`);
}
