import type { AppContext } from '../../context.ts';
import { recordEvent, withTransaction } from '../../realtime/domain-events.ts';
import { type RuleRef, reassignRulesOfOperator } from '../../rules/rules.repository.ts';
import { conversationColumns, toConversation } from '../to-resources.ts';
import { lockAdminIds } from './operators.ts';

export type DeleteOperatorResult =
  | { ok: true; unassigned: number; reassignedRules: RuleRef[] }
  | { ok: false; reason: 'not_found' | 'last_admin' };

/**
 * Removes a person who no longer answers chats: their dashboard sign-in and sessions go with them
 * (foreign keys), their conversations become unassigned — each with a `conversation.updated`, so
 * open inboxes show it at once — and rules that assigned them pick any available operator instead.
 * The workspace's only admin cannot be removed (nobody could open the settings any more).
 */
export async function deleteOperator(
  ctx: Pick<AppContext, 'db' | 'dbKind' | 'events'>,
  tenantId: string,
  id: string,
): Promise<DeleteOperatorResult> {
  return withTransaction(ctx, async (trx) => {
    const adminIds = await lockAdminIds(trx, ctx.dbKind, tenantId);
    const operator = await trx
      .selectFrom('operators')
      .select(['id', 'role'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!operator) return { ok: false, reason: 'not_found' } as const;
    if (operator.role === 'admin' && adminIds.length === 1)
      return { ok: false, reason: 'last_admin' } as const;

    const unassigned = await trx
      .updateTable('conversations')
      .set({ assigned_to: null })
      .where('tenant_id', '=', tenantId)
      .where('assigned_to', '=', id)
      .returning([...conversationColumns])
      .execute();
    for (const row of unassigned) {
      await recordEvent(trx, {
        type: 'conversation.updated',
        tenantId,
        conversationId: row.id,
        data: { ...toConversation(row) },
      });
    }
    const reassignedRules = await reassignRulesOfOperator(trx, tenantId, id);
    await trx.deleteFrom('operators').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    return { ok: true, unassigned: unassigned.length, reassignedRules } as const;
  });
}
