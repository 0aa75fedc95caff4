import type { LanguageModel } from 'ai';
import { loadAiSdk } from './ai-sdk.ts';
import { type TokenUsage, tokenUsage } from './llm-usage.ts';

/** POST /settings/ai/test: the smallest request that proves the provider answers. */
export async function llmPing(model: LanguageModel): Promise<{ text: string; usage: TokenUsage }> {
  const { generateText } = await loadAiSdk();
  const result = await generateText({
    model,
    maxRetries: 0,
    maxOutputTokens: 16,
    prompt: 'Reply with the single word OK.',
  });
  return { text: result.text.trim(), usage: tokenUsage(result.usage) };
}
