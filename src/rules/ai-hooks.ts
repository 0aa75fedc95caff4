import type { AppContext } from '../context.ts';

/**
 * The seam between the rules engine (src/rules) and the AI layer (src/ai).
 * The rules engine calls these hooks; until the AI layer registers its own, the defaults
 * below apply: AI rules never match, REPLY_AI leaves a system note, nothing is slot-filled,
 * and with no matching rule there is no automatic answer.
 * Every hook receives the app context first (database, vault, config); per-context state such
 * as trained models belongs in a WeakMap keyed by it, since tests run several apps per process.
 */

export interface AiRuleCandidate {
  id: string;
  name: string;
  description: string;
  examples: string[];
}

export interface AiRuleDecision {
  ruleId: string;
  matched: boolean;
  /** 0..1 confidence (embedded NLU) or the model's stated confidence. */
  score: number;
  reason: string;
  /** The AI could not decide at all (e.g. "no credits: …"; `matched` is false): the reason is shown alone, without a score. */
  undecided?: boolean;
}

export interface ConversationTurn {
  role: 'visitor' | 'ai' | 'operator' | 'system';
  content: string;
}

export interface AiTurnContext {
  tenantId: string;
  conversationId: string | null;
  widgetId: string | null;
  /** The visitor message being processed. */
  message: string;
  language: string | null;
  variables: Record<string, string>;
  /** Recent transcript, oldest first (may be empty in dry-runs). */
  history: ConversationTurn[];
  /**
   * True in a dry-run without `execute` (POST /rules/test): no outbound call may be made and
   * nothing charged, so hooks decide offline (the embedded NLU) and say so in their reasons.
   */
  offline?: boolean;
}

export interface EndpointFieldInfo {
  name: string;
  type: string;
  required: boolean;
  description: string;
  pattern?: string;
  enum?: string[];
}

export type SlotFillResult =
  /** Values extracted from the message (and earlier turns), to store as session variables before the call. */
  | { status: 'complete'; values: Record<string, string> }
  /** A required field is still missing or invalid: ask this question, store `values` so far, stop the rule. */
  | { status: 'ask'; question: string; field: string; values: Record<string, string> };

export interface AiReplyResult {
  /** null: no reply (e.g. out of credits — the hook's `error` says why, for the rule log). */
  text: string | null;
  credits?: number;
  /** The configured model failed and a fallback answered: shown in the rule log's `errors`. */
  error?: string;
  /**
   * The reply tells the visitor a person takes over: after posting it the pipeline hands the
   * conversation over as ASSIGN_TO_OPERATOR without an id does (least-busy operator, `pending`).
   */
  handover?: boolean;
}

export interface AiHooks {
  /** Decide which AI rules match the message (all candidates get a decision). */
  matchAiRules(ctx: AppContext, turn: AiTurnContext, rules: AiRuleCandidate[]): Promise<AiRuleDecision[]>;
  /**
   * Before CALL_API of an AI rule: extract the endpoint's fields from the visitor's words.
   * Returns null when the hook does not slot-fill (the call proceeds with what it has).
   */
  fillSlots(
    ctx: AppContext,
    turn: AiTurnContext,
    endpoint: { id: string; name: string; description: string; fields: EndpointFieldInfo[] },
  ): Promise<SlotFillResult | null>;
  /** REPLY_AI: write a reply grounded in `turn.variables` only. */
  replyAi(
    ctx: AppContext,
    turn: AiTurnContext,
    action: { instructions?: string; endpointDescription?: string; mappedVariables: string[] },
  ): Promise<AiReplyResult>;
  /** No rule matched and the widget has AI on: answer (LLM: with the tenant's endpoints as tools). */
  answerDefault(ctx: AppContext, turn: AiTurnContext): Promise<AiReplyResult>;
}

export const defaultAiHooks: AiHooks = {
  async matchAiRules(_ctx, _turn, rules) {
    return rules.map((r) => ({
      ruleId: r.id,
      matched: false,
      score: 0,
      reason: 'AI matching is not available',
    }));
  },
  async fillSlots() {
    return null;
  },
  async replyAi() {
    return { text: null };
  },
  async answerDefault() {
    return { text: null };
  },
};

let current: AiHooks = defaultAiHooks;

/** The AI layer calls this once at start-up (per app context in tests via the returned restore). */
export function registerAiHooks(hooks: AiHooks): () => void {
  const previous = current;
  current = hooks;
  return () => {
    current = previous;
  };
}

export const aiHooks = (): AiHooks => current;
