import { rawJson } from './raw-json.ts';

type ReviverContext = { source?: string };

/**
 * `JSON.parse` that never loses a number's digits.
 *
 * The reviver's third argument (`context.source`, Node 21+) gives each
 * primitive's source text. A number whose source is not exactly what
 * `String(value)` prints — integers beyond Number.MAX_SAFE_INTEGER such as
 * 12345678901234567890, decimals with more precision than a double, `1.50`,
 * `1e3`, `-0` — is kept as a raw-JSON marker (see raw-json.ts) holding its
 * source text. Every other number stays a plain `number`, so for any number in
 * the result, its text form (`String(n)` or `marker.rawJSON`) is its source
 * text, and `JSON.stringify` of the result reproduces the numbers verbatim.
 *
 * Throws `SyntaxError` on invalid JSON, like `JSON.parse`.
 */
export function parseJsonPreservingBigInts(text: string): unknown {
  return JSON.parse(text, (_key: string, value: unknown, context?: ReviverContext) => {
    if (typeof value === 'number' && context?.source !== undefined && String(value) !== context.source) {
      return rawJson(context.source);
    }
    return value;
  });
}
