import { z } from 'zod';
import type { CompiledCondition } from './condition.ts';

export const languageIsSchema = z.object({
  type: z.literal('LANGUAGE_IS'),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Use a language code such as "en", "de" or "pt-BR"'),
});
export type LanguageIs = z.output<typeof languageIsSchema>;

/**
 * "en" matches messages detected as "en" or "en-US"; "en-US" only matches "en-US" — the
 * usual BCP 47 prefix rule, compared case-insensitively.
 */
export function compileLanguageIs(condition: LanguageIs): CompiledCondition {
  const wanted = condition.language.toLowerCase();
  return (facts) => {
    if (!facts.language) {
      return {
        matched: false,
        reason: `LANGUAGE_IS ${condition.language}: the message's language is unknown`,
      };
    }
    const actual = facts.language.toLowerCase();
    const matched = actual === wanted || actual.startsWith(`${wanted}-`);
    return { matched, reason: `LANGUAGE_IS ${condition.language}: the message is in ${facts.language}` };
  };
}
