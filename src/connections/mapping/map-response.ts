import { getPath } from './get-path.ts';
import { jsonValueToString } from './json-value-to-string.ts';
import { parseResponseBody } from './parse-response-body.ts';

export type ResponseMappingRule = { readonly from: string; readonly to: string };

export type MappedResponse = { mapped: Record<string, string>; missing: string[] };

export type MapResponseResult = ({ ok: true } & MappedResponse) | { ok: false; error: string };

/**
 * Applies response-mapping rules to an already parsed body (the executor
 * parses once, validates, then maps). Values become strings (see
 * jsonValueToString); a `from` path that is absent maps nothing and is listed
 * in `missing`; when two rules share a `to`, the later one wins.
 */
export function mapParsedResponse(parsed: unknown, mapping: readonly ResponseMappingRule[]): MappedResponse {
  const entries: [string, string][] = [];
  const missing: string[] = [];
  for (const rule of mapping) {
    const value = getPath(parsed, rule.from);
    if (value === undefined) missing.push(rule.from);
    else entries.push([rule.to, jsonValueToString(value)]);
  }
  // fromEntries defines own properties, so a `to` of "__proto__" can't touch a prototype.
  return { mapped: Object.fromEntries(entries), missing };
}

/**
 * Parses a raw response body and maps it. A body that is not JSON is an error
 * only when there is something to map: an endpoint without mapping may answer
 * with HTML or nothing at all.
 *
 * @example
 * mapResponse('{"data":{"price":{"amount":120}}}', 'application/json',
 *   [{ from: 'data.price.amount', to: 'room_price' }])
 * // → { ok: true, mapped: { room_price: '120' }, missing: [] }
 */
export function mapResponse(
  body: string | Uint8Array,
  contentType: string | undefined,
  mapping: readonly ResponseMappingRule[],
): MapResponseResult {
  if (mapping.length === 0) return { ok: true, mapped: {}, missing: [] };
  const parsed = parseResponseBody(body, contentType);
  if (!parsed.ok) return parsed;
  return { ok: true, ...mapParsedResponse(parsed.value, mapping) };
}
