import type { AppContext } from '../../context.ts';
import { postMessage } from '../../conversations/post-message.ts';

export const OUT_OF_CREDITS_NOTE =
  'AI replies are paused: this account has no AI credits left. An operator can still answer here.';

/**
 * Leaves the out-of-credits note on the conversation for operators — once: not again while it is
 * still the latest message the system or the AI posted there.
 */
export async function noteOutOfCredits(
  ctx: AppContext,
  tenantId: string,
  conversationId: string | null,
): Promise<void> {
  if (!conversationId) return;
  const latest = await ctx.db
    .selectFrom('messages')
    .select(['role', 'content'])
    .where('tenant_id', '=', tenantId)
    .where('conversation_id', '=', conversationId)
    .where('role', 'in', ['system', 'ai'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest?.role === 'system' && latest.content === OUT_OF_CREDITS_NOTE) return;
  await postMessage(ctx, {
    tenantId,
    conversationId,
    role: 'system',
    content: OUT_OF_CREDITS_NOTE,
    isAutoReply: true,
  });
}
