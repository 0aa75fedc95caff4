import type { AppContext } from '../../context.ts';
import { detectLanguage } from '../language.ts';
import { loadAiConfig } from '../settings/ai-settings.ts';
import { conversationLanguages } from './conversation-languages.ts';
import { translateText } from './translate-text.ts';

export interface OutgoingLanguageFields {
  contentLanguage: string | null;
  translatedContent?: string | null;
  translatedLanguage?: string | null;
}

/**
 * The language fields of an operator's message. With translationEnabled and an LLM, the message
 * is translated into the visitor's language before it is delivered: `content` stays as the
 * operator wrote it, `translatedContent` is what the visitor reads.
 */
export async function outgoingTranslation(
  ctx: AppContext,
  input: { tenantId: string; conversationId: string; content: string },
): Promise<OutgoingLanguageFields> {
  const languages = await conversationLanguages(ctx.db, input.tenantId, input.conversationId);
  const config = await loadAiConfig(ctx, input.tenantId);
  const contentLanguage = detectLanguage(input.content) ?? config.language;
  if (!languages?.translationEnabled || !languages.visitorLanguage) return { contentLanguage };
  const result = await translateText(ctx, {
    ...input,
    text: input.content,
    from: contentLanguage,
    to: languages.visitorLanguage,
    config,
  });
  if (!result.ok) return { contentLanguage };
  return { contentLanguage, translatedContent: result.text, translatedLanguage: result.language };
}
