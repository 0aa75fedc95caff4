import { z } from 'zod';
import { compilePattern } from './compile-pattern.ts';
import { type CompiledCondition, messageTexts, quote } from './condition.ts';

export const messageMatchesRegexSchema = z
  .object({
    type: z.literal('MESSAGE_MATCHES_REGEX'),
    pattern: z.string().min(1).max(1000),
    flags: z
      .string()
      .regex(/^[ims]*$/, 'Regex flags may only be i, m and s')
      .refine((flags) => new Set(flags).size === flags.length, 'A regex flag is repeated')
      .default(''),
  })
  .overwrite(withoutDelimiters)
  .superRefine((condition, ctx) => {
    if (!/^[ims]*$/.test(condition.flags)) return; // already reported on `flags`
    const compiled = compilePattern(condition.pattern, condition.flags);
    if (!compiled.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `Invalid regular expression /${condition.pattern}/: ${compiled.error}`,
      });
    }
  });
export type MessageMatchesRegex = z.output<typeof messageMatchesRegexSchema>;

/**
 * `/\b(price|cost|how much)\b/i`, as seed 000 and most tools write a regex: the slashes are
 * delimiters and the letters after them flags, not part of the pattern (taken literally it would
 * never match). `g` and `u` mean nothing for a yes/no match on one message and are dropped.
 */
function withoutDelimiters<C extends { pattern: string; flags: string }>(condition: C): C {
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(condition.pattern);
  if (!literal) return condition;
  const suffix = literal[2].replace(/[gu]/g, '');
  if (!/^[ims]*$/.test(suffix)) return condition;
  return { ...condition, pattern: literal[1], flags: [...new Set([...condition.flags, ...suffix])].join('') };
}

/** Compiled once per stored rule version (see compile-rule.ts); a match exposes its groups as `match.N`/`match.name`. */
export function compileMessageMatchesRegex(condition: MessageMatchesRegex): CompiledCondition {
  const label = `MESSAGE_MATCHES_REGEX /${condition.pattern}/${condition.flags}`;
  const compiled = compilePattern(condition.pattern, condition.flags);
  if (!compiled.ok) {
    // Stored rules were validated on write; this only guards rows written by an older engine.
    return () => ({ matched: false, reason: `${label}: invalid pattern (${compiled.error})` });
  }
  const { regex } = compiled;
  const named = Object.entries(regex.namedGroups());
  return (facts) => {
    for (const { text, where } of messageTexts(facts)) {
      // test() is the cheap yes/no (about twice as fast as find()); groups are only extracted on a match.
      if (!regex.test(text)) continue;
      const matcher = regex.matcher(text);
      matcher.find();
      const captures: Record<string, string> = {};
      for (let group = 0; group <= matcher.groupCount(); group++) {
        captures[`match.${group}`] = matcher.group(group) ?? '';
      }
      for (const [name, index] of named) captures[`match.${name}`] = matcher.group(index) ?? '';
      return { matched: true, reason: `${label}: matched ${quote(captures['match.0'])}${where}`, captures };
    }
    return { matched: false, reason: `${label}: no match` };
  };
}
