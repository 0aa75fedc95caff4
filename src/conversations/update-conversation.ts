import type { AppContext } from '../context.ts';
import { recordEvent, withTransaction } from '../realtime/domain-events.ts';
import type { Conversation, UpdateConversationInput } from './conversation.schema.ts';
import type { ConversationsTable } from './conversation.tables.ts';
import { getOperator } from './operators/operators.ts';
import { conversationColumns, toConversation } from './to-resources.ts';

export type UpdateConversationResult =
  | { ok: true; conversation: Conversation }
  | { ok: false; error: 'not_found' | 'unknown_operator' };

/**
 * Changes status and/or assignment and emits `conversation.updated`. Used by the Tenant API and by
 * rule actions (ASSIGN_TO_OPERATOR, SET_STATUS). `assignedTo` must be one of the tenant's operators.
 */
export async function updateConversation(
  ctx: Pick<AppContext, 'db' | 'events'>,
  tenantId: string,
  conversationId: string,
  patch: UpdateConversationInput,
): Promise<UpdateConversationResult> {
  if (patch.assignedTo && !(await getOperator(ctx.db, tenantId, patch.assignedTo))) {
    return { ok: false, error: 'unknown_operator' };
  }
  const set: Partial<Pick<ConversationsTable, 'status' | 'assigned_to'>> = {};
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.assignedTo !== undefined) set.assigned_to = patch.assignedTo;
  const row = await withTransaction(ctx, async (trx) => {
    const updated = await trx
      .updateTable('conversations')
      .set(set)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', conversationId)
      .returning([...conversationColumns])
      .executeTakeFirst();
    if (updated) {
      await recordEvent(trx, {
        type: 'conversation.updated',
        tenantId,
        conversationId,
        data: { ...toConversation(updated) },
      });
    }
    return updated;
  });
  return row ? { ok: true, conversation: toConversation(row) } : { ok: false, error: 'not_found' };
}
