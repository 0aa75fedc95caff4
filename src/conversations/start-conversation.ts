import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { nowIso } from '../db/time.ts';
import { recordEvent, withTransaction } from '../realtime/domain-events.ts';
import type { Conversation } from './conversation.schema.ts';
import { toConversation } from './to-resources.ts';
import { issueVisitorToken } from './visitor-token.ts';

export interface StartConversationInput {
  visitorId?: string;
  visitorName?: string;
  visitorEmail?: string;
  language?: string;
  /** Initial session variables (the verified `visitor.*` values of identity verification). */
  variables?: Record<string, string>;
}

/** Opens a conversation on a widget; the visitor token is returned once and stored only hashed. */
export async function startConversation(
  ctx: Pick<AppContext, 'db' | 'events'>,
  widget: { id: string; tenantId: string },
  input: StartConversationInput,
): Promise<{ conversation: Conversation; visitorToken: string }> {
  const { token, hash } = issueVisitorToken();
  const now = nowIso();
  const row = {
    id: newId(),
    tenant_id: widget.tenantId,
    widget_id: widget.id,
    visitor_id: input.visitorId ?? null,
    visitor_name: input.visitorName ?? null,
    visitor_email: input.visitorEmail ?? null,
    visitor_language: input.language ?? null,
    status: 'open',
    assigned_to: null,
    visitor_token_hash: hash,
    last_seq: 0,
    last_message_at: now,
    started_at: now,
    variables: JSON.stringify(input.variables ?? {}),
  };
  const conversation = toConversation(row);
  await withTransaction(ctx, async (trx) => {
    await trx.insertInto('conversations').values(row).execute();
    await recordEvent(trx, {
      type: 'conversation.created',
      tenantId: widget.tenantId,
      conversationId: row.id,
      data: { ...conversation },
    });
  });
  return { conversation, visitorToken: token };
}
