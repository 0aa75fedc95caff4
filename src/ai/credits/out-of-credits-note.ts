import type { AppContext } from '../../context.ts';
import { postMessage } from '../../conversations/post-message.ts';

export const OUT_OF_CREDITS_NOTE =
  'AI replies are paused: this account has no AI credits left. An operator can still answer here.';

/**
 * Leaves the out-of-credits note on the conversation for operators — once. Questions and rule
 * replies posted after it do not bring it back (operators already know); only a new outage does:
 * credits were added, the AI wrote here again (a charge after the note), and ran out once more.
 * Messages of one conversation are processed one at a time, so two notes cannot race.
 */
export async function noteOutOfCredits(
  ctx: AppContext,
  tenantId: string,
  conversationId: string | null,
): Promise<void> {
  if (!conversationId) return;
  const note = await ctx.db
    .selectFrom('messages')
    .select('created_at')
    .where('tenant_id', '=', tenantId)
    .where('conversation_id', '=', conversationId)
    .where('role', '=', 'system')
    .where('content', '=', OUT_OF_CREDITS_NOTE)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (note && !(await chargedSince(ctx, tenantId, conversationId, note.created_at))) return;
  await postMessage(ctx, {
    tenantId,
    conversationId,
    role: 'system',
    content: OUT_OF_CREDITS_NOTE,
    isAutoReply: true,
  });
}

async function chargedSince(
  ctx: AppContext,
  tenantId: string,
  conversationId: string,
  since: string,
): Promise<boolean> {
  const usage = await ctx.db
    .selectFrom('ai_usage')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('conversation_id', '=', conversationId)
    .where('created_at', '>', since)
    .where('credits', '>', 0)
    .limit(1)
    .executeTakeFirst();
  return usage !== undefined;
}
