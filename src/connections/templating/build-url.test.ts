import { describe, expect, it } from 'vitest';
import { buildUrl } from './build-url.ts';

/** What the WHATWG URL setters make of it: the reference the string-built fast path must match. */
function viaSetters(baseUrl: string, path: string, query: [string, string][]): string {
  const base = new URL(baseUrl);
  const url = new URL(base.href);
  url.hash = '';
  const basePath = base.pathname.replace(/\/+$/, '');
  if (path !== '') url.pathname = basePath + (path.startsWith('/') ? path : `/${path}`);
  if (query.length > 0) {
    url.search = [base.search.slice(1), new URLSearchParams(query).toString()].filter(Boolean).join('&');
  }
  return url.href;
}

describe('buildUrl', () => {
  const bases = [
    'https://api.shop.com/v2',
    'https://api.shop.com/v2/',
    'https://api.shop.com',
    'http://127.0.0.1:8080/api?key=a%20b&x=1#frag',
    'https://user:pa%40ss@api.shop.com/base path/',
    'https://api.shop.com/ü/',
  ];
  const paths = [
    '/orders/4521',
    'orders/4521',
    '/orders/a%2Fb',
    '/orders/%E2%82%AC',
    "/a-b_c.d~e!$&'()*+,;=:@/x",
    '/a//b',
    '/a/b/',
    '/a.b/..c/...',
    '/a b',
    '/a"b<c>d`e{f}g',
    '/a|b^c[d]',
    '/a%zz',
    '/a%2',
    '/ü',
    '/a\\b',
  ];
  const queries: [string, string][][] = [[], [['email', 'jane@example.com']], [['q', 'a&b=c d']]];
  it('builds every plain URL exactly as the URL setters would', () => {
    for (const base of bases)
      for (const path of paths)
        for (const query of queries) {
          const built = buildUrl(base, path, query);
          expect(built.ok ? built.url : built.error.message, `${base} + ${path}`).toBe(
            viaSetters(base, path, query),
          );
        }
  });

  it('refuses literal dot segments in any spelling that would leave the base path', () => {
    for (const path of ['/../admin', '/x/../../admin', '/%2e%2e/admin', '/.%2E/admin', '/..', '/a/./../..']) {
      const built = buildUrl('https://api.shop.com/v2', path, []);
      expect(built.ok, path).toBe(false);
    }
    const inside = buildUrl('https://api.shop.com/v2', '/a/../b', []);
    expect(inside).toEqual({ ok: true, url: 'https://api.shop.com/v2/b' });
  });
});
