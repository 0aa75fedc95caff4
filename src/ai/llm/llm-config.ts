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
 * The AI SDK retries a failed call (maxRetries) and then throws a RetryError around the last
 * failure: the last one says what went wrong (its HTTP status, the outbound policy's reason).
 */
export function lastAiError(error: unknown): unknown {
  const sdk = loadedAiSdk();
  return sdk?.RetryError.isInstance(error) && error.lastError !== undefined ? error.lastError : error;
}

/**
 * One line for the tenant admin (settings test, rule test reasons, the rule log): the provider's
 * status and message, or the outbound policy's reason. Never the API key; never shown to visitors.
 */
export function describeAiError(error: unknown): string {
  const last = lastAiError(error);
  if (isOutboundError(last)) return outboundMessage(last);
  if (loadedAiSdk()?.APICallError.isInstance(last)) {
    const status = last.statusCode ? `HTTP ${last.statusCode}` : 'no response';
    if (last.statusCode && last.statusCode < 300)
      return `${status} from the provider, but ${unreadable(last.cause)}`;
    const cause = isOutboundError(last.cause) ? `: ${outboundMessage(last.cause)}` : '';
    return `${status} from the provider${cause}${last.message ? ` — ${last.message.slice(0, 300)}` : ''}`;
  }
  if (last instanceof Error) return last.message.slice(0, 300);
  return String(last).slice(0, 300);
}

/** The guarded fetch speaks of endpoints; a model's wait has its own limit and remedy. */
function outboundMessage(error: { code: string; message: string }): string {
  if (error.code !== 'TIMEOUT') return error.message;
  const ms = /after (\d+) ms/.exec(error.message)?.[1];
  return `the model did not answer within ${ms ?? 'the'} ms (PARLEY_OUTBOUND_TIMEOUT_MS: raise it for slow models)`;
}

/** A 2xx the SDK could not read: not JSON at all, or JSON of another API. */
function unreadable(cause: unknown): string {
  const sdk = loadedAiSdk();
  if (sdk?.TypeValidationError.isInstance(cause)) {
    return 'its answer is not in the shape this provider type expects (check the provider type, and that baseUrl is the API root such as https://llm.example.com/v1)';
  }
  return 'its answer is not JSON (check that baseUrl is the API root, such as https://llm.example.com/v1, not a web page)';
}
