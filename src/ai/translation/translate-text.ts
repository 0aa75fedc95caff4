import type { AppContext } from '../../context.ts';
import { aiRuntime } from '../ai-runtime.ts';
import { creditBalance } from '../credits/ai-usage.ts';
import { chargeLlm } from '../credits/charge-ai.ts';
import { asLlmConfig } from '../llm/llm-config.ts';
import { logLlmFailure, redactedAiError } from '../llm/llm-failure.ts';
import { llmTranslate } from '../llm/llm-translate.ts';
import type { ResolvedAiConfig } from '../provider-kind.ts';
import { loadAiConfig } from '../settings/ai-settings.ts';

export type TranslationResult =
  | { ok: true; text: string; language: string }
  | { ok: false; reason: 'same_language' | 'unavailable' | 'no_credits' | 'failed'; message: string };

export const TRANSLATION_UNAVAILABLE =
  'Translation needs an LLM provider (OpenAI, Anthropic or an OpenAI-compatible server); the embedded provider cannot translate.';

/**
 * Translates one chat message with the tenant's LLM, debiting its tokens. With the embedded
 * provider it says so — a translation is never made up.
 */
export async function translateText(
  ctx: AppContext,
  input: {
    tenantId: string;
    conversationId: string | null;
    text: string;
    from: string | null;
    to: string;
    config?: ResolvedAiConfig;
  },
): Promise<TranslationResult> {
  if (input.from === input.to)
    return { ok: false, reason: 'same_language', message: 'Already in the target language.' };
  const config = input.config ?? (await loadAiConfig(ctx, input.tenantId));
  const llm = asLlmConfig(config);
  if (!llm) return { ok: false, reason: 'unavailable', message: TRANSLATION_UNAVAILABLE };
  if ((await creditBalance(ctx.db, input.tenantId)) <= 0) {
    return { ok: false, reason: 'no_credits', message: 'No AI credits left.' };
  }
  try {
    const { text, usage } = await llmTranslate(
      await aiRuntime(ctx).languageModel(llm, input),
      input.text,
      input.to,
    );
    await chargeLlm(ctx, input, config, 'translate', usage);
    if (!text) return { ok: false, reason: 'failed', message: 'The model returned no translation.' };
    return { ok: true, text, language: input.to };
  } catch (error) {
    logLlmFailure(ctx, input, llm, 'translate', error, 'the message was left untranslated');
    return { ok: false, reason: 'failed', message: redactedAiError(llm, error) };
  }
}
