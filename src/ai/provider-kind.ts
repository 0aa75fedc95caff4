import { z } from 'zod';

export const providerKindSchema = z.enum(['embedded', 'openai', 'anthropic', 'openai-compatible']);
export type ProviderKind = z.infer<typeof providerKindSchema>;

/** Used when a tenant or the operator picks a hosted provider without naming a model. */
export const defaultModels: Record<Exclude<ProviderKind, 'embedded'>, string | null> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  // Every server names its models differently (llama3.1, qwen2.5…): the model must be given.
  'openai-compatible': null,
};

/** Everything needed to talk to one provider, after tenant settings and installation defaults are merged. */
export interface ResolvedAiConfig {
  provider: ProviderKind;
  model: string | null;
  baseUrl: string | null;
  apiKey: string | null;
  /** 'installation': PARLEY_AI_* from the operator, whose base URL is trusted past the SSRF policy. */
  source: 'tenant' | 'installation';
  /** The language operators read (translation target), ISO 639-1. */
  language: string;
  handoverToOperator: boolean;
}
