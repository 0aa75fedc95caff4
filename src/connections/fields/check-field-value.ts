import { compileFieldPattern } from './compile-field-pattern.ts';
import type { FieldType } from './field.schema.ts';
import { parseTypedValue } from './parse-typed-value.ts';

export type FieldRule = {
  readonly name: string;
  readonly type: FieldType;
  readonly description?: string;
  readonly pattern?: string;
  readonly enum?: readonly string[];
};

export type FieldValueResult = { ok: true; value: string | number | boolean } | { ok: false; reason: string };

/** undefined, null and blank strings count as "not given". */
export function isMissingValue(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * Checks and converts one value for a field: the type first (returning the
 * typed value — numbers, booleans, canonical enum values, dates as
 * YYYY-MM-DD), then the `pattern`, matched in full against the value's text.
 * Reasons are phrased for the visitor.
 *
 * @example
 * checkFieldValue({ name: 'orderId', type: 'string', pattern: '^[0-9]{3,10}$', description: 'Order number' }, ' 4521 ')
 * // → { ok: true, value: '4521' }
 */
export function checkFieldValue(field: FieldRule, raw: unknown): FieldValueResult {
  if (isMissingValue(raw)) return { ok: false, reason: `${fieldLabel(field)} is required.` };
  const value = typeof raw === 'string' ? raw.trim() : raw;
  const typed = parseTypedValue(field.type, value, field.enum);
  if (!typed.ok || field.pattern === undefined) return typed;

  const pattern = compileFieldPattern(field.pattern);
  // An uncompilable pattern is a configuration error the schema reports; it must not block visitors.
  if (!pattern.ok || pattern.matches(String(typed.value))) return typed;
  return { ok: false, reason: `That doesn't look like a valid ${validPhrase(fieldLabel(field))}.` };
}

/** "Order number" from the description, else "Order id" from `orderId`. */
export function fieldLabel(field: Pick<FieldRule, 'name' | 'description'>): string {
  const description = field.description?.trim() ?? '';
  if (description !== '' && description.length <= 60) return description.replace(/[.:]$/, '');
  const words = field.name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A field label as it reads after "a valid …": lower-cased (see lowerFirst) and without a leading
 * "your"/"the", so a description such as "Your order number" does not give "a valid your order number".
 */
export function validPhrase(label: string): string {
  return lowerFirst(label.replace(/^(your|the|a|an)\s+/i, ''));
}

/** Lower-cases a leading capital unless it starts an acronym ("Order number" → "order number", "VAT id" stays). */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
