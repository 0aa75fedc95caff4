import { isOutboundError } from '../../http/guarded-fetch/index.ts';
import type { ResolvedAiConfig } from '../provider-kind.ts';
import { loadedAiSdk } from './ai-sdk.ts';
import type { LlmConfig } from './create-language-model.ts';

/** The config as an LLM config, or null for the embedded provider (or an LLM without a model). */
export function asLlmConfig(config: ResolvedAiConfig): LlmConfig | null {
  if (config.provider === 'embedded' || !config.model) return null;
  return { ...config, provider: config.provider, model: config.model };
}

/**
 * One line for the tenant admin (settings test, rule test reasons, logs): the provider's status
 * and message, or the outbound policy's reason. Never the API key; never shown to visitors.
 */
export function describeAiError(error: unknown): string {
  if (isOutboundError(error)) return error.message;
  if (loadedAiSdk()?.APICallError.isInstance(error)) {
    const status = error.statusCode ? `HTTP ${error.statusCode}` : 'no response';
    const cause = isOutboundError(error.cause) ? `: ${error.cause.message}` : '';
    return `${status} from the provider${cause}${error.message ? ` — ${error.message.slice(0, 300)}` : ''}`;
  }
  if (error instanceof Error) return error.message.slice(0, 300);
  return String(error).slice(0, 300);
}
