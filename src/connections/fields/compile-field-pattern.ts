import { RE2JS } from 're2js';

export type FieldPatternMatcher =
  | { ok: true; matches(value: string): boolean }
  | { ok: false; message: string };

const cache = new Map<string, FieldPatternMatcher>();
const CACHE_LIMIT = 500;

/**
 * Compiles a field's `pattern` (a tenant's regex, tested against what a
 * visitor typed). The pattern must be valid JavaScript RegExp syntax (so the
 * dashboard and other modules can use it too), and it is *run* by RE2JS, a
 * linear-time engine: a tenant's pattern such as `(a+)+$` cannot hang the
 * server on a visitor's input (the same reason SPEC §7 asks it for rule
 * regexes). Lookarounds and backreferences are therefore refused.
 *
 * Matching is full-match, like HTML's `pattern` attribute: `[0-9]{3,10}` and
 * `^[0-9]{3,10}$` accept the same values.
 */
export function compileFieldPattern(pattern: string): FieldPatternMatcher {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const compiled = compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): FieldPatternMatcher {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return { ok: false, message: `The pattern is not a valid regular expression: ${messageOf(error)}` };
  }
  try {
    const re = RE2JS.compile(pattern);
    return { ok: true, matches: (value) => re.matches(value) };
  } catch (error) {
    return {
      ok: false,
      message: `The pattern uses a feature the linear-time regex engine does not support (lookarounds and backreferences are not allowed): ${messageOf(error)}`,
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
