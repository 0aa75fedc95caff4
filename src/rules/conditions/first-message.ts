import { z } from 'zod';
import type { CompiledCondition } from './condition.ts';

export const firstMessageSchema = z.object({ type: z.literal('FIRST_MESSAGE') });
export type FirstMessage = z.output<typeof firstMessageSchema>;

export function compileFirstMessage(_condition: FirstMessage): CompiledCondition {
  return (facts) => ({
    matched: facts.firstMessage,
    reason: `FIRST_MESSAGE: ${facts.firstMessage ? 'this is' : 'this is not'} the visitor's first message`,
  });
}
