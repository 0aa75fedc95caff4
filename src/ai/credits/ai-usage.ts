import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { nowIso } from '../../db/time.ts';

export type AiUsageKind = 'classify' | 'reply' | 'answer' | 'translate' | 'test';

export interface AiUsageInput {
  tenantId: string;
  conversationId: string | null;
  kind: AiUsageKind;
  provider: string;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  credits: number;
}

/** The tenant's credit balance now (0 for an unknown tenant). */
export async function creditBalance(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('tenants')
    .select('credit_balance')
    .where('id', '=', tenantId)
    .executeTakeFirst();
  return Number(row?.credit_balance ?? 0);
}

/**
 * Debits the credits and records the usage row in one transaction. The balance never goes below
 * zero: a call already made when the balance ran out is recorded with all its tokens but debits
 * (and records as its credits) only what was left — the usage list adds up to what was taken.
 */
export async function chargeAiUsage(db: Db, usage: AiUsageInput): Promise<void> {
  const cost = Math.max(0, Math.round(usage.credits));
  await db.transaction().execute(async (trx) => {
    let credits = 0;
    if (cost > 0) {
      // A no-op update first: it locks the tenant's row (PostgreSQL; SQLite takes the write lock),
      // so the balance read here is the one the debit below applies to, whoever else is charging.
      const row = await trx
        .updateTable('tenants')
        .set({ credit_balance: sql<number>`credit_balance` })
        .where('id', '=', usage.tenantId)
        .returning('credit_balance')
        .executeTakeFirst();
      credits = Math.min(cost, Math.max(0, Number(row?.credit_balance ?? 0)));
      if (credits > 0) {
        await trx
          .updateTable('tenants')
          .set({ credit_balance: sql<number>`credit_balance - ${credits}` })
          .where('id', '=', usage.tenantId)
          .execute();
      }
    }
    await trx
      .insertInto('ai_usage')
      .values({
        id: newId(),
        tenant_id: usage.tenantId,
        conversation_id: usage.conversationId,
        kind: usage.kind,
        provider: usage.provider,
        model: usage.model,
        input_tokens: Math.max(0, Math.round(usage.inputTokens)),
        output_tokens: Math.max(0, Math.round(usage.outputTokens)),
        credits,
        created_at: nowIso(),
      })
      .execute();
  });
}

export interface AiUsageView {
  id: string;
  conversationId: string | null;
  kind: string;
  provider: string;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  credits: number;
  createdAt: string;
}

/** GET /ai-usage: newest first, optionally for one conversation. */
export async function listAiUsage(
  db: Db,
  tenantId: string,
  filter: { conversationId?: string; limit: number; offset: number },
): Promise<{ items: AiUsageView[]; total: number }> {
  let query = db.selectFrom('ai_usage').where('tenant_id', '=', tenantId);
  if (filter.conversationId) query = query.where('conversation_id', '=', filter.conversationId);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      conversationId: row.conversation_id,
      kind: row.kind,
      provider: row.provider,
      model: row.model,
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      credits: Number(row.credits),
      createdAt: row.created_at,
    })),
    total: Number(count.total),
  };
}
