import { z } from 'zod';
import type { CompiledCondition } from './condition.ts';

export const conversationStatusValues = ['open', 'pending', 'closed'] as const;

export const conversationStatusSchema = z.object({
  type: z.literal('CONVERSATION_STATUS'),
  status: z.enum(conversationStatusValues),
});
export type ConversationStatus = z.output<typeof conversationStatusSchema>;

export function compileConversationStatus(condition: ConversationStatus): CompiledCondition {
  return (facts) => ({
    matched: facts.status === condition.status,
    reason: `CONVERSATION_STATUS ${condition.status}: the conversation is ${facts.status}`,
  });
}
