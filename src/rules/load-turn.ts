import { parseVariables } from '../conversations/to-resources.ts';
import type { Db } from '../db/database.ts';
import type { RuleTurn } from './actions/action.ts';
import type { ConversationTurn } from './ai-hooks.ts';

const HISTORY_LENGTH = 20;

export interface LoadedTurn {
  turn: RuleTurn & { conversationId: string };
  messageId: string;
  aiEnabled: boolean;
}

/** Everything the rules need about one stored visitor message, or undefined if it is gone. */
export async function loadTurn(
  db: Db,
  job: { tenantId: string; conversationId: string; messageId: string; seq: number },
): Promise<LoadedTurn | undefined> {
  const conversation = await db
    .selectFrom('conversations as c')
    .innerJoin('widgets as w', 'w.id', 'c.widget_id')
    .select(['c.status', 'c.variables', 'c.widget_id', 'c.visitor_language', 'w.ai_enabled'])
    .where('c.tenant_id', '=', job.tenantId)
    .where('c.id', '=', job.conversationId)
    .executeTakeFirst();
  if (!conversation) return undefined;
  const recent = await db
    .selectFrom('messages')
    .select(['id', 'seq', 'role', 'content', 'content_language', 'translated_content'])
    .where('conversation_id', '=', job.conversationId)
    .where('seq', '<=', job.seq)
    .orderBy('seq', 'desc')
    .limit(HISTORY_LENGTH)
    .execute();
  const message = recent.find((m) => m.id === job.messageId);
  if (!message) return undefined;
  // The window holds the whole conversation when it is shorter than HISTORY_LENGTH: no second query then.
  const earlierInWindow = recent.some((m) => m.role === 'visitor' && Number(m.seq) < job.seq);
  const earlierVisitor =
    earlierInWindow ||
    (recent.length === HISTORY_LENGTH &&
      (await db
        .selectFrom('messages')
        .select('id')
        .where('conversation_id', '=', job.conversationId)
        .where('role', '=', 'visitor')
        .where('seq', '<', job.seq)
        .limit(1)
        .executeTakeFirst()) !== undefined);
  const history: ConversationTurn[] = recent
    .reverse()
    .map((m) => ({ role: m.role as ConversationTurn['role'], content: m.content }));
  return {
    messageId: message.id,
    aiEnabled: conversation.ai_enabled === 1,
    turn: {
      tenantId: job.tenantId,
      conversationId: job.conversationId,
      widgetId: conversation.widget_id,
      message: message.content,
      translatedMessage: message.translated_content,
      language: message.content_language ?? conversation.visitor_language,
      status: conversation.status,
      firstMessage: !earlierVisitor,
      variables: parseVariables(conversation.variables),
      history,
    },
  };
}
