import type { LanguageModel } from 'ai';
import { assertNever } from '../../errors.ts';
import type { ResolvedAiConfig } from '../provider-kind.ts';

export type LlmConfig = ResolvedAiConfig & {
  provider: Exclude<ResolvedAiConfig['provider'], 'embedded'>;
  model: string;
};

/**
 * The AI SDK model for a hosted or self-hosted LLM; every HTTP request goes through `fetch`
 * (the guarded fetch). OpenAI uses the chat-completions API, which proxies and compatible
 * servers also speak. The provider package is imported on first use (see ai-sdk.ts).
 */
export async function createLanguageModel(
  config: LlmConfig,
  fetch: typeof globalThis.fetch,
): Promise<LanguageModel> {
  const baseURL = config.baseUrl ?? undefined;
  const apiKey = config.apiKey ?? undefined;
  switch (config.provider) {
    case 'openai': {
      const { createOpenAI } = await import('@ai-sdk/openai');
      return createOpenAI({ apiKey, baseURL, fetch }).chat(config.model);
    }
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return createAnthropic({ apiKey, baseURL, fetch })(config.model);
    }
    case 'openai-compatible': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: baseURL ?? '',
        apiKey,
        fetch,
        supportsStructuredOutputs: true,
      }).chatModel(config.model);
    }
    default:
      return assertNever(config.provider);
  }
}
