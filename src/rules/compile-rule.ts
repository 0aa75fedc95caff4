import { type Action, walkActions } from './actions/action.schema.ts';
import { compileCondition } from './conditions/compile-condition.ts';
import type { CompiledCondition } from './conditions/condition.ts';
import type { Rule } from './rule.schema.ts';

/** A rule ready to evaluate: its conditions prepared once (regexes compiled), shared by every message. */
export interface CompiledRule {
  id: string;
  name: string;
  type: 'static' | 'ai';
  enabled: boolean;
  priority: number;
  widgetId: string | null;
  match: 'all' | 'any';
  stopProcessing: boolean;
  description: string | null;
  examples: string[];
  actions: Action[];
  /** An AI rule, or one with a REPLY_AI anywhere in its actions: the AI layer sees the history. */
  usesAi: boolean;
  /** It has a MESSAGE_MATCHES_REGEX or MESSAGE_CONTAINS condition: the visitor's words can trigger it. */
  readsMessage: boolean;
  conditions: CompiledCondition[];
  createdAt: string;
  updatedAt: string;
}

const MAX_CACHED = 20_000;
const cache = new Map<string, CompiledRule>();

/**
 * Compiles a rule, or returns the copy compiled for the same stored version (`id` + `updatedAt`)
 * — so a tenant's regexes are compiled once, not per message. The cache evicts oldest first.
 */
export function compileRule(rule: Rule): CompiledRule {
  const key = `${rule.id}@${rule.updatedAt}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const compiled = compileUncached(rule);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

/** A rule that is not stored (a dry-run of an unsaved draft): compiled for one use, never cached. */
export function compileUncached(rule: Rule): CompiledRule {
  return {
    id: rule.id,
    name: rule.name,
    type: rule.type,
    enabled: rule.enabled,
    priority: rule.priority,
    widgetId: rule.widgetId,
    match: rule.match,
    stopProcessing: rule.stopProcessing,
    description: rule.description,
    examples: rule.examples,
    actions: rule.actions,
    usesAi:
      rule.type === 'ai' || [...walkActions(rule.actions)].some(({ action }) => action.type === 'REPLY_AI'),
    readsMessage: rule.conditions.some(
      (condition) => condition.type === 'MESSAGE_MATCHES_REGEX' || condition.type === 'MESSAGE_CONTAINS',
    ),
    conditions: rule.conditions.map(compileCondition),
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  };
}

/** Evaluation order: ascending priority, ties oldest first (ids are UUIDv7, so they break exact ties by age too). */
export function compareRules(
  a: Pick<Rule, 'priority' | 'createdAt' | 'id'>,
  b: Pick<Rule, 'priority' | 'createdAt' | 'id'>,
): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
