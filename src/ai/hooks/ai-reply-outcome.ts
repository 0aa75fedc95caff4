import type { AiReplyResult } from '../../rules/ai-hooks.ts';

/**
 * A reply hook's result plus, when the tenant's LLM failed and the embedded AI answered in its
 * place, `error`: the line for the rule log's `errors` (the visitor still got an answer, but the
 * shop owner must be able to see that the model is down, rate-limited or misconfigured).
 */
export type AiReplyOutcome = AiReplyResult & { error?: string };
