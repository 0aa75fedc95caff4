import type { AppContext } from '../../context.ts';
import type { ConversationTurn, EndpointFieldInfo } from '../ai-hooks.ts';
import type { Action } from './action.schema.ts';

/** The message being processed, as actions see it; `variables` changes as actions set them. */
export interface RuleTurn {
  tenantId: string;
  conversationId: string | null;
  widgetId: string | null;
  message: string;
  /** The tenant-language translation of the message, when the widget translates. */
  translatedMessage?: string | null;
  language: string | null;
  status: string;
  firstMessage: boolean;
  /** Session variables as they stand now (mutated in place by SET_VARIABLE, CALL_API mappings, slot filling). */
  variables: Record<string, string>;
  history: ConversationTurn[];
  /** Set while continuing a pending AI rule: how many times in a row it asked for `pendingField`. */
  pendingQuestions?: number;
  pendingField?: string;
}

/** The rule whose actions are running, with the capture groups of its matching regex conditions. */
export interface RunningRule {
  id: string;
  name: string;
  type: 'static' | 'ai';
  captures: Record<string, string>;
  /**
   * What the rule's own actions hand to its later ones, never stored: the `params` of its CALL_APIs
   * ("Order {orderId}: {order_status}" after `params: {orderId: "{match.1}"}`) and, in a dry run
   * that sends nothing, `{name}` placeholders for what a CALL_API's response would map.
   */
  locals: Record<string, string>;
}

/** A CALL_API as the rules engine needs to know it (adapted from the connections engine's result). */
export interface EndpointCallOutcome {
  ok: boolean;
  /** HTTP status when a response arrived; null for network errors, timeouts, blocked addresses and missing variables. */
  status: number | null;
  /** Session variables from the response mapping (empty unless the call and its validations passed). */
  mapped: Record<string, string>;
  validation: { passed: boolean; errors: string[] };
  error?: { code: string; message: string; publicMessage: string };
  /** The request as sent (or as it would be sent, in a preview), secrets redacted. */
  request?: unknown;
  /** True when nothing was sent (dry-run). */
  preview: boolean;
}

export interface EndpointSummary {
  id: string;
  name: string;
  description: string;
  fields: EndpointFieldInfo[];
  /** The `{variables}` of the endpoint's path, declared as fields or not: no call goes out without them. */
  pathVariables: string[];
  /** Variables the endpoint's response mapping writes. */
  mappedVariables: string[];
}

/**
 * Everything an action may do to the world. The live pipeline posts to the conversation; the
 * dry-run (POST /rules/test) records instead; unit tests pass fakes. Actions never reach past it.
 */
export interface ActionEffects {
  ctx: AppContext;
  /** False in a dry-run: replies, variables and assignments are reported, not performed, and no call goes out. */
  live: boolean;
  reply(text: string): Promise<void>;
  /** A system note on the conversation (visible to operators), e.g. "AI is not configured". */
  note(text: string): Promise<void>;
  /** Merges into the session variables (null removes one). */
  saveVariables(values: Record<string, string | null>): Promise<void>;
  callEndpoint(endpointId: string, variables: Record<string, string>): Promise<EndpointCallOutcome>;
  describeEndpoint(endpointId: string): Promise<EndpointSummary | null>;
  /** Assigns the given operator (or the least-busy available one) and sets the status to pending. */
  assignOperator(operatorId: string | null): Promise<{ operatorId: string | null; error?: string }>;
  setStatus(status: 'open' | 'pending' | 'closed'): Promise<void>;
  /** The tenant's fallback reply; without one, `detailsMessage` (if given) instead of the default. */
  fallbackReply(detailsMessage?: string): Promise<string>;
}

/** One line of the rule log and of POST /rules/test's `actions`. */
export interface ActionLogEntry {
  ruleId: string;
  type: Action['type'] | 'FALLBACK_REPLY' | 'PENDING_RULE';
  [detail: string]: unknown;
}

export type ActionNext =
  | { next: 'continue' }
  /** Stop this message's evaluation: a reply (question, validation message, fallback) has been given. */
  | { next: 'halt' }
  /** A CALL_API branch matched: these actions replace the rest of the rule's actions. */
  | { next: 'branch'; actions: Action[] };

export interface ActionResult {
  log: ActionLogEntry[];
  unknownVariables: string[];
  flow: ActionNext;
}

export interface ActionContext {
  turn: RuleTurn;
  rule: RunningRule;
  effects: ActionEffects;
}

export const proceed = (log: ActionLogEntry[], unknownVariables: string[] = []): ActionResult => ({
  log,
  unknownVariables,
  flow: { next: 'continue' },
});
