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
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return fail("The connection's base URL is not a valid URL");
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    return fail("The connection's base URL must start with http:// or https://");
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.href);
  url.hash = '';
  if (path !== '') url.pathname = basePath + (path.startsWith('/') ? path : `/${path}`);
  const search = [base.search.slice(1), new URLSearchParams([...query]).toString()].filter(Boolean).join('&');
  url.search = search;

  const staysUnderBase = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  if (url.origin !== base.origin || url.username !== base.username || !staysUnderBase) {
    return fail("The rendered path leaves the connection's base URL");
  }
  return { ok: true, url: url.href };
}

function fail(message: string): BuiltUrl {
  return { ok: false, error: { message } };
}
