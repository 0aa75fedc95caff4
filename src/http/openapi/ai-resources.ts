import { z } from 'zod';
import type { AiUsageView } from '../../ai/credits/ai-usage.ts';
import type { ProviderTestResult } from '../../ai/settings/test-ai-provider.ts';
import { dateTime, exactly, uuid } from './envelopes.ts';

/** SPEC §8: the AI provider test and the AI usage log (the settings view has its own zod schema). */

export { aiSettingsViewSchema as aiSettingsResource } from '../../ai/settings/ai-settings.schema.ts';

export const providerTestResource = exactly<ProviderTestResult>()(
  z.object({ ok: z.boolean(), message: z.string(), durationMs: z.number() }),
);

export const aiUsageResource = exactly<AiUsageView>()(
  z.object({
    id: uuid(),
    conversationId: uuid().nullable(),
    kind: z.string().describe('classify, reply, answer, translate or test'),
    provider: z.string(),
    model: z.string().nullable(),
    inputTokens: z.int(),
    outputTokens: z.int(),
    credits: z.number(),
    createdAt: dateTime(),
  }),
);
