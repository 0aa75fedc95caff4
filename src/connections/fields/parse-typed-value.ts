import { foldCase } from '../validation/fold-case.ts';
import type { FieldType } from './field.schema.ts';
import { parseDateValue } from './parse-date-value.ts';

export type TypedValueResult = { ok: true; value: string | number | boolean } | { ok: false; reason: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);
// Practical, not RFC 5322: what people type, including internationalised names.
const EMAIL =
  /^(?!\.)(?!.*\.\.)[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]{1,64}(?<!\.)@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

/**
 * Converts a present value (already trimmed when it is a string) to the
 * field's type. Reasons are written for the visitor who typed the value.
 */
export function parseTypedValue(
  type: FieldType,
  value: unknown,
  enumValues?: readonly string[],
): TypedValueResult {
  switch (type) {
    case 'string':
      return isScalar(value) ? { ok: true, value: String(value) } : fail('Please answer with text.');
    case 'number':
      return parseNumber(value, false);
    case 'integer':
      return parseNumber(value, true);
    case 'boolean':
      return parseBoolean(value);
    case 'email': {
      const text = isScalar(value) ? String(value) : '';
      return text.length <= 254 && EMAIL.test(text)
        ? { ok: true, value: text }
        : fail("That doesn't look like a valid email address.");
    }
    case 'date':
      return parseDate(value);
    case 'enum':
      return parseEnum(value, enumValues ?? []);
    default:
      return assertNever(type);
  }
}

function parseNumber(value: unknown, integer: boolean): TypedValueResult {
  const reason = integer ? 'Please enter a whole number, like 42.' : 'Please enter a number, like 42 or 3.5.';
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && NUMBER.test(value)) number = Number(value);
  else return fail(reason);
  if (!Number.isFinite(number)) return fail(reason);
  if (integer && !Number.isInteger(number)) return fail(reason);
  // Beyond 2^53 the digits would silently change; such ids belong in a string field.
  if (integer && !Number.isSafeInteger(number)) return fail('That number is too large.');
  return { ok: true, value: number };
}

function parseBoolean(value: unknown): TypedValueResult {
  if (typeof value === 'boolean') return { ok: true, value };
  const word = isScalar(value) ? foldCase(String(value)) : '';
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return fail('Please answer yes or no.');
}

function parseDate(value: unknown): TypedValueResult {
  const reason = "That doesn't look like a valid date. Please write it like 2025-03-31.";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return fail(reason);
    const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
    return { ok: true, value: local.toISOString().slice(0, 10) };
  }
  const parsed = typeof value === 'string' ? parseDateValue(value) : { ok: false as const };
  return parsed.ok ? { ok: true, value: parsed.value } : fail(reason);
}

function parseEnum(value: unknown, options: readonly string[]): TypedValueResult {
  const wanted = isScalar(value) ? foldCase(String(value)) : undefined;
  const match = options.find((option) => foldCase(option) === wanted);
  return match !== undefined
    ? { ok: true, value: match }
    : fail(`Please choose one of: ${options.join(', ')}.`);
}

function isScalar(value: unknown): value is string | number | boolean | bigint {
  return ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

function fail(reason: string): TypedValueResult {
  return { ok: false, reason };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled field type: ${String(value)}`);
}
