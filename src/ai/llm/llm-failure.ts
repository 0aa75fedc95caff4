import type { AppContext } from '../../context.ts';
import { isOutboundError } from '../../http/guarded-fetch/index.ts';
import { aiLogger } from '../ai-logger.ts';
import { loadedAiSdk } from './ai-sdk.ts';
import type { LlmConfig } from './create-language-model.ts';
import { describeAiError, lastAiError } from './llm-config.ts';

export type LlmPurpose = 'classify' | 'reply' | 'answer' | 'translate';

/** A failure we detect ourselves, such as a model that answered with no text. */
export class LlmAnswerError extends Error {
  override name = 'LlmAnswerError';
}

/**
 * The failure as the server log may show it: the HTTP status, the outbound policy's reason or
 * the error's class — never a provider's message text, which may quote the prompt and with it
 * the visitor's words (or, from a careless server, the API key).
 */
export function aiFailureSummary(error: unknown): string {
  const last = lastAiError(error);
  if (isOutboundError(last) || last instanceof LlmAnswerError) return last.message;
  if (loadedAiSdk()?.APICallError.isInstance(last)) {
    if (isOutboundError(last.cause)) return `no response from the provider: ${last.cause.message}`;
    if (!last.statusCode) return 'no response from the provider';
    // A 2xx the SDK could not read: its message ("Invalid JSON response") is the SDK's own.
    return last.statusCode < 300
      ? `HTTP ${last.statusCode} from the provider: ${last.message.slice(0, 100)}`
      : `HTTP ${last.statusCode} from the provider`;
  }
  return last instanceof Error ? last.name : typeof last;
}

/**
 * An LLM call failed (500, 429, unreadable answer, timeout, no text): a warning for whoever runs
 * the server — provider, model, tenant and what failed, no key and no visitor text.
 * `instead` says what was done in its place.
 */
export function logLlmFailure(
  ctx: AppContext,
  target: { tenantId: string; conversationId: string | null },
  config: LlmConfig,
  purpose: LlmPurpose,
  error: unknown,
  instead: string,
): void {
  aiLogger(ctx).warn(
    {
      tenantId: target.tenantId,
      conversationId: target.conversationId,
      provider: config.provider,
      model: config.model,
      purpose,
      error: aiFailureSummary(error),
    },
    `AI ${purpose} failed: ${instead}`,
  );
}

/**
 * logLlmFailure, and the line the tenant's rule log shows — with the provider's message, which
 * the tenant may see (the key blanked).
 */
export function reportLlmFailure(
  ctx: AppContext,
  target: { tenantId: string; conversationId: string | null },
  config: LlmConfig,
  purpose: LlmPurpose,
  error: unknown,
  instead: string,
): string {
  logLlmFailure(ctx, target, config, purpose, error, instead);
  return `the ${config.provider} model ${config.model} failed (${redactedAiError(config, error)}); ${instead}`;
}

/** describeAiError with the tenant's API key blanked, should a provider echo it. */
export function redactedAiError(config: LlmConfig, error: unknown): string {
  const text = describeAiError(error);
  return config.apiKey ? text.replaceAll(config.apiKey, '****') : text;
}
