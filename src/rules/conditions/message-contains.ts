import { z } from 'zod';
import { type CompiledCondition, messageTexts, quote } from './condition.ts';

export const messageContainsSchema = z.object({
  type: z.literal('MESSAGE_CONTAINS'),
  value: z.string().min(1).max(1000),
  caseSensitive: z.boolean().default(false),
});
export type MessageContains = z.output<typeof messageContainsSchema>;

export function compileMessageContains(condition: MessageContains): CompiledCondition {
  const needle = condition.caseSensitive ? condition.value : condition.value.toLowerCase();
  const label = `MESSAGE_CONTAINS ${quote(condition.value)}${condition.caseSensitive ? ' (case-sensitive)' : ''}`;
  return (facts) => {
    for (const { text, where } of messageTexts(facts)) {
      const haystack = condition.caseSensitive ? text : text.toLowerCase();
      if (haystack.includes(needle))
        return { matched: true, reason: `${label}: found in the message${where}` };
    }
    return { matched: false, reason: `${label}: not found in the message` };
  };
}
