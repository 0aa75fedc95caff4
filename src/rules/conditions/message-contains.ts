import { z } from 'zod';
import { type CompiledCondition, quote } from './condition.ts';

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
    const haystack = condition.caseSensitive ? facts.message : facts.message.toLowerCase();
    const matched = haystack.includes(needle);
    return { matched, reason: `${label}: ${matched ? 'found' : 'not found'} in the message` };
  };
}
