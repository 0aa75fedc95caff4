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
    return { ok: false, error: explained(err instanceof Error ? err.message : String(err)) };
  }
}

// RE2's own words for these ("invalid or unsupported Perl syntax: `(?=`", "invalid named capture")
// do not say that the feature itself is missing, nor what to do instead.
const LOOKAROUND = /`\(\?(=|!|<=|<!)/;
const BACKREFERENCE = /invalid escape sequence: `\\[1-9]/;

function explained(message: string): string {
  if (LOOKAROUND.test(message))
    return `${message} — lookarounds ((?=…), (?!…), (?<=…), (?<!…)) are not supported (RE2 syntax, linear time): put the extra check in another condition of the rule`;
  if (BACKREFERENCE.test(message))
    return `${message} — backreferences (\\1) are not supported (RE2 syntax, linear time)`;
  return message;
}
