import type { LanguageModel } from 'ai';
import type { AppContext } from '../context.ts';
import { createGuardedFetch, type GuardedFetch, parseAllowList } from '../http/guarded-fetch/index.ts';
import { type CreditRates, creditRatesFrom } from './credits/credit-rates.ts';
import { createIntentRegistry, type IntentRegistry } from './embedded/intent-registry.ts';
import { createWorkerTrainer } from './embedded/model-trainer.ts';
import { createLanguageModel, type LlmConfig } from './llm/create-language-model.ts';
import { guardedAiFetch } from './llm/guarded-ai-fetch.ts';
import type { ResolvedAiConfig } from './provider-kind.ts';

/** Per-app AI state: trained intent models, credit rates and the outbound paths to LLMs. */
export interface AiRuntime {
  intents: IntentRegistry;
  rates: CreditRates;
  /** The model for an LLM config, its HTTP going through the right guarded fetch. */
  languageModel(config: LlmConfig): Promise<LanguageModel>;
}

const runtimes = new WeakMap<AppContext, AiRuntime>();

/**
 * The host:port of PARLEY_AI_BASE_URL as an allow-list entry. The operator set that URL (often a
 * model server on the private network), so the installation-wide provider may reach it; a tenant's
 * base URL never gets this exception.
 */
export function installationAllowEntry(baseUrl: string): string {
  const url = new URL(baseUrl);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

export function aiRuntime(ctx: AppContext): AiRuntime {
  const existing = runtimes.get(ctx);
  if (existing) return existing;
  const trainer = createWorkerTrainer();
  let installationFetch: (GuardedFetch & { close(): Promise<void> }) | undefined;
  ctx.onClose(async () => {
    await trainer.close();
    await installationFetch?.close();
  });

  function fetchFor(config: ResolvedAiConfig): typeof fetch {
    const installationUrl = ctx.config.ai.baseUrl;
    if (config.source !== 'installation' || !installationUrl) return guardedAiFetch(ctx.outbound);
    installationFetch ??= createGuardedFetch({
      allow: parseAllowList(
        [ctx.config.outboundAllow, installationAllowEntry(installationUrl)].filter(Boolean).join(','),
      ),
      timeoutMs: ctx.config.outboundTimeoutMs,
      maxBodyBytes: ctx.config.outboundMaxBytes,
    });
    return guardedAiFetch(installationFetch);
  }

  const runtime: AiRuntime = {
    intents: createIntentRegistry(trainer),
    rates: creditRatesFrom(),
    languageModel: (config) => createLanguageModel(config, fetchFor(config)),
  };
  runtimes.set(ctx, runtime);
  return runtime;
}
