import type { Db } from '../../db/database.ts';

export interface ConversationLanguages {
  translationEnabled: boolean;
  /** The visitor's language: of their latest message, else the one they started with (always the latter without translation). */
  visitorLanguage: string | null;
}

export async function conversationLanguages(
  db: Db,
  tenantId: string,
  conversationId: string,
): Promise<ConversationLanguages | undefined> {
  const row = await db
    .selectFrom('conversations as c')
    .innerJoin('widgets as w', 'w.id', 'c.widget_id')
    .select(['c.visitor_language', 'w.translation_enabled'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!row) return undefined;
  // Every visitor message passes here; without translation nobody needs the visitor's latest language.
  if (row.translation_enabled !== 1)
    return { translationEnabled: false, visitorLanguage: row.visitor_language };
  const latest = await db
    .selectFrom('messages')
    .select('content_language')
    .where('tenant_id', '=', tenantId)
    .where('conversation_id', '=', conversationId)
    .where('role', '=', 'visitor')
    .where('content_language', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    translationEnabled: row.translation_enabled === 1,
    visitorLanguage: latest?.content_language ?? row.visitor_language,
  };
}
