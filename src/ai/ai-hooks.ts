import type { AiHooks } from '../rules/ai-hooks.ts';
import { registerAiHooks } from '../rules/ai-hooks.ts';
import { answerDefault } from './hooks/answer-default.ts';
import { fillSlots } from './hooks/fill-slots.ts';
import { matchAiRules } from './hooks/match-ai-rules.ts';
import { replyAi } from './hooks/reply-ai.ts';

/** The AI layer behind the rules engine's seam (src/rules/ai-hooks.ts). Stateless: per-app state lives in aiRuntime(ctx). */
export const parleyAiHooks: AiHooks = { matchAiRules, fillSlots, replyAi, answerDefault };

/** Called once at start-up (buildApp); registering again is harmless. */
export function registerParleyAi(): void {
  registerAiHooks(parleyAiHooks);
}
