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
 * Changes status and/or assignment and emits `conversation.updated` when something changed. Used by the Tenant API and by
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
    // Only a row that really changes is written: a PATCH repeating the current status (a bulk
    // "close everything older than a week" run again) is no `conversation.updated` event and no
    // webhook delivery.
    const updated = await trx
      .updateTable('conversations')
      .set(set)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', conversationId)
      .where((eb) =>
        eb.or(
          Object.entries(set).map(([column, value]) =>
            eb(column as keyof typeof set, 'is distinct from', value ?? null),
          ),
        ),
      )
      .returning([...conversationColumns])
      .executeTakeFirst();
    if (!updated) {
      return trx
        .selectFrom('conversations')
        .select([...conversationColumns])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', conversationId)
        .executeTakeFirst();
    }
    await recordEvent(trx, {
      type: 'conversation.updated',
      tenantId,
      conversationId,
      data: { ...toConversation(updated) },
    });
    return updated;
  });
  return row ? { ok: true, conversation: toConversation(row) } : { ok: false, error: 'not_found' };
}
