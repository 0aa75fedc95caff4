import type { Db } from '../db/database.ts';

export interface MessageLanguagePatch {
  contentLanguage?: string | null;
  translatedContent?: string | null;
  translatedLanguage?: string | null;
}

/**
 * Records what the language layer found out about a stored message (its language, a translation).
 * No event: clients see the fields the next time they read the message. False when the message is
 * unknown or another tenant's.
 */
export async function annotateMessage(
  db: Db,
  tenantId: string,
  messageId: string,
  patch: MessageLanguagePatch,
): Promise<boolean> {
  const set: Record<string, string | null> = {};
  if (patch.contentLanguage !== undefined) set.content_language = patch.contentLanguage;
  if (patch.translatedContent !== undefined) set.translated_content = patch.translatedContent;
  if (patch.translatedLanguage !== undefined) set.translated_language = patch.translatedLanguage;
  if (Object.keys(set).length === 0) return true;
  const result = await db
    .updateTable('messages')
    .set(set)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
