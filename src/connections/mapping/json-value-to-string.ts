import { isRawJson } from './raw-json.ts';

/**
 * The string Parley stores for a JSON value (conversation variables are
 * strings): strings as they are, numbers as their JSON source text (raw-JSON
 * markers keep big integers exact), booleans as "true"/"false", objects and
 * arrays as compact JSON text. `null` (and `undefined`) become "" so a mapped
 * variable is overwritten rather than left holding a previous call's value.
 */
export function jsonValueToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (isRawJson(value)) return value.rawJSON;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value) ?? '';
}
