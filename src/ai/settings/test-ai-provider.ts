import type { AppContext } from '../../context.ts';
import { aiRuntime } from '../ai-runtime.ts';
import { chargeLlm } from '../credits/charge-ai.ts';
import { asLlmConfig, describeAiError } from '../llm/llm-config.ts';
import { llmPing } from '../llm/llm-ping.ts';
import { loadAiConfig } from './ai-settings.ts';

export interface ProviderTestResult {
  ok: boolean;
  message: string;
  durationMs: number;
}

/**
 * POST /settings/ai/test: sends the tenant's effective provider a tiny prompt. The tokens are
 * recorded and debited like any LLM call, but the test runs at zero balance too (an admin
 * setting up a provider should learn whether it answers).
 */
export async function testAiProvider(ctx: AppContext, tenantId: string): Promise<ProviderTestResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const config = await loadAiConfig(ctx, tenantId);
  const llm = asLlmConfig(config);
  if (!llm && config.provider !== 'embedded') {
    return {
      ok: false,
      message: `${config.provider} has no model configured (set PARLEY_AI_MODEL for the installation, or "model" in PUT /settings/ai); the embedded AI answers meanwhile.`,
      durationMs: elapsed(),
    };
  }
  if (!llm) {
    return {
      ok: true,
      message:
        'The embedded provider is built in and works offline (intent matching, slot filling, template replies).',
      durationMs: elapsed(),
    };
  }
  try {
    const { text, usage } = await llmPing(
      await aiRuntime(ctx).languageModel(llm, { tenantId, conversationId: null, source: 'test' }),
    );
    await chargeLlm(ctx, { tenantId, conversationId: null }, config, 'test', usage);
    const answered = text ? `answered "${text.slice(0, 40)}"` : 'answered with an empty message';
    return { ok: true, message: `${config.provider} model ${llm.model} ${answered}.`, durationMs: elapsed() };
  } catch (error) {
    return {
      ok: false,
      message: `${config.provider} model ${llm.model} did not answer: ${describeAiError(error)}`,
      durationMs: elapsed(),
    };
  }
}
