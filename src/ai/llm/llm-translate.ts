import type { LanguageModel } from 'ai';
import { loadAiSdk } from './ai-sdk.ts';
import { languageName } from './conversation-messages.ts';
import { type TokenUsage, tokenUsage } from './llm-usage.ts';

/** Translates one chat message; the model is asked for the translation only. */
export async function llmTranslate(
  model: LanguageModel,
  text: string,
  targetLanguage: string,
): Promise<{ text: string; usage: TokenUsage }> {
  const { generateText } = await loadAiSdk();
  const result = await generateText({
    model,
    maxRetries: 1,
    system: `Translate the user's chat message into ${languageName(targetLanguage)}. Keep names, numbers, codes, email addresses and URLs unchanged. Reply with the translation only.`,
    prompt: text,
  });
  return { text: result.text.trim(), usage: tokenUsage(result.usage) };
}
