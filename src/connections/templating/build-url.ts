import type { RenderError } from './variable-text.ts';

export type BuiltUrl = { ok: true; url: string } | { ok: false; error: RenderError };

/**
 * Joins the connection's base URL with a rendered path and query, from parsed
 * parts rather than string concatenation (SECURITY-NOTES "Templates"):
 *
 * - `https://api.shop.com/v2` + `/orders/42` → `https://api.shop.com/v2/orders/42`
 *   (one slash between them; an empty path calls the base URL itself);
 * - the base URL's own query string is kept, rendered parameters follow it,
 *   each one value encoded by URLSearchParams (`1&admin=true` stays one value);
 * - the path is set through the URL's pathname, so text like `@evil.example`
 *   or `//evil.example` can only ever be path, never authority;
 * - finally the result must have the base URL's origin and stay under its
 *   path: a literal `/../` in a template can't climb out of `/v2`.
 */
export function buildUrl(baseUrl: string, path: string, query: readonly [string, string][]): BuiltUrl {
  const parsed = parseBase(baseUrl);
  if ('message' in parsed) return fail(parsed.message);
  const { base, basePath, baseQuery, start } = parsed;
  const search =
    query.length > 0
      ? [baseQuery, new URLSearchParams([...query]).toString()].filter(Boolean).join('&')
      : undefined;
  const fullPath = path === '' ? '' : basePath + (path.startsWith('/') ? path : `/${path}`);
  if (fullPath !== '' && isPlainPath(fullPath)) {
    // What the URL setters below would produce, without their cost (they were most of rendering).
    const queryText = search ?? baseQuery;
    return { ok: true, url: parsed.origin + fullPath + (queryText === '' ? '' : `?${queryText}`) };
  }
  const url = new URL(start);
  if (fullPath !== '') url.pathname = fullPath;
  if (search !== undefined) url.search = search;

  const staysUnderBase = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  if (url.origin !== base.origin || url.username !== base.username || !staysUnderBase) {
    return fail("The rendered path leaves the connection's base URL");
  }
  return { ok: true, url: url.href };
}

/**
 * A path the WHATWG URL parser keeps byte for byte: only characters outside its path
 * percent-encode set, well-formed escapes other than an encoded dot, no `\\` (read as `/`) and
 * no dot segment (resolved away). Anything else takes the setters and the checks after them.
 */
const PLAIN_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%(?![2][eE])[0-9A-Fa-f]{2})*$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
const isPlainPath = (path: string) => PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path);

interface ParsedBase {
  base: URL;
  /** Scheme, credentials and host as the URL serialises them: a plain path is appended to it. */
  origin: string;
  basePath: string;
  baseQuery: string;
  /** The base without fragment, its own query kept: every call's URL starts as this. */
  start: string;
}

// A connection's base URL is parsed once, not on every call (URL setters and parsing were most
// of a call's rendering time).
const bases = new Map<string, ParsedBase | { message: string }>();
const MAX_BASES = 2_000;

function parseBase(baseUrl: string): ParsedBase | { message: string } {
  let parsed = bases.get(baseUrl);
  if (parsed) return parsed;
  parsed = parseBaseUncached(baseUrl);
  if (bases.size >= MAX_BASES) bases.clear();
  bases.set(baseUrl, parsed);
  return parsed;
}

function parseBaseUncached(baseUrl: string): ParsedBase | { message: string } {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return { message: "The connection's base URL is not a valid URL" };
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    return { message: "The connection's base URL must start with http:// or https://" };
  }
  const start = new URL(base.href);
  start.hash = '';
  const baseQuery = base.search.slice(1);
  start.search = baseQuery;
  const origin = start.href.slice(0, start.href.length - start.pathname.length - start.search.length);
  return {
    base,
    origin,
    basePath: base.pathname.replace(/\/+$/, ''),
    baseQuery,
    start: start.href,
  };
}

function fail(message: string): BuiltUrl {
  return { ok: false, error: { message } };
}
