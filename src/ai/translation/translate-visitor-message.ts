import type { AppContext } from '../../context.ts';
import { loadAiConfig } from '../settings/ai-settings.ts';
import { conversationLanguages } from './conversation-languages.ts';
import { type TranslationResult, translateText } from './translate-text.ts';

/**
 * With translationEnabled, stores the operators' version of a visitor message
 * (translatedContent / translatedLanguage, in the tenant's language). Runs in message processing,
 * after the visitor's 201; a retried job does not translate twice. Returns what happened.
 */
export async function translateVisitorMessage(
  ctx: AppContext,
  job: { tenantId: string; conversationId: string; messageId: string },
): Promise<TranslationResult | null> {
  const languages = await conversationLanguages(ctx.db, job.tenantId, job.conversationId);
  if (!languages?.translationEnabled) return null;
  const message = await ctx.db
    .selectFrom('messages')
    .select(['content', 'content_language', 'translated_content'])
    .where('tenant_id', '=', job.tenantId)
    .where('id', '=', job.messageId)
    .executeTakeFirst();
  if (!message || message.translated_content !== null) return null;
  const config = await loadAiConfig(ctx, job.tenantId);
  const result = await translateText(ctx, {
    tenantId: job.tenantId,
    conversationId: job.conversationId,
    text: message.content,
    from: message.content_language,
    to: config.language,
    config,
  });
  if (result.ok) {
    await ctx.db
      .updateTable('messages')
      .set({ translated_content: result.text, translated_language: result.language })
      .where('tenant_id', '=', job.tenantId)
      .where('id', '=', job.messageId)
      .execute();
  }
  return result;
}
