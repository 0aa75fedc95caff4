import type { Db } from '../db/database.ts';

/** The tenant's AI language when it never set one (GET /settings/ai `language`). */
export const DEFAULT_AI_LANGUAGE = 'en';

/**
 * The tenant's AI language (`PUT|PATCH /settings/ai` `language`, "en" unless set): the last
 * resort for a visitor message whose language nothing else tells (SPEC §8: every visitor message
 * gets a contentLanguage).
 */
export async function tenantAiLanguage(db: Db, tenantId: string): Promise<string> {
  const row = await db
    .selectFrom('ai_settings')
    .select('language')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row?.language || DEFAULT_AI_LANGUAGE;
}
