import type { LanguageModel } from 'ai';
import { type CallSource, loggedFetch } from '../connections/call-logs/record-call.ts';
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
  /**
   * The model for an LLM config, its HTTP going through the right guarded fetch. With `caller`,
   * each request to a tenant's own provider is also a call-log entry (failed ones a `call.failed`
   * webhook), so the admin sees a model that is down, rate-limited or misconfigured.
   */
  languageModel(config: LlmConfig, caller?: ModelCaller): Promise<LanguageModel>;
}

/** Who asks the model: the call log's tenant, conversation and source. */
export interface ModelCaller {
  tenantId: string;
  conversationId: string | null;
  source?: Extract<CallSource, 'llm' | 'test'>;
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

  function fetchFor(config: ResolvedAiConfig, caller?: ModelCaller): typeof fetch {
    const installationUrl = ctx.config.ai.baseUrl;
    // The operator's provider (its URL, its quota) is the operator's to watch: the server log.
    if (config.source === 'tenant' && caller) {
      const meta = {
        tenantId: caller.tenantId,
        connectionId: null,
        endpointId: null,
        conversationId: caller.conversationId,
        source: caller.source ?? 'llm',
        auth: { type: 'none' as const },
        secrets: config.apiKey ? [config.apiKey] : [],
      };
      return guardedAiFetch(loggedFetch(ctx, meta));
    }
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
    languageModel: (config, caller) => createLanguageModel(config, fetchFor(config, caller)),
  };
  runtimes.set(ctx, runtime);
  return runtime;
}
