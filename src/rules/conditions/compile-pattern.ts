import { RE2JS } from 're2js';

export type RegexFlag = 'i' | 'm' | 's';

const flagBits: Record<RegexFlag, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};

export type CompiledPattern = { ok: true; regex: RE2JS } | { ok: false; error: string };

/**
 * Compiles a tenant's pattern with RE2 semantics (re2js): matching is linear in the input, so
 * no pattern — `(a+)+$` included — can stall the process, whatever the visitor types.
 * Backreferences and lookarounds do not exist in RE2; such patterns are rejected on write.
 */
export function compilePattern(pattern: string, flags = ''): CompiledPattern {
  let bits = 0;
  for (const flag of flags) {
    if (!Object.hasOwn(flagBits, flag))
      return { ok: false, error: `Unknown regex flag "${flag}" (use i, m or s)` };
    bits |= flagBits[flag as RegexFlag];
  }
  try {
    return { ok: true, regex: RE2JS.compile(pattern, bits) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
