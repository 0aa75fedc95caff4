import crypto from 'node:crypto';
import type { AiRuleCandidate } from '../../rules/ai-hooks.ts';
import { type IntentModel, loadIntentModel } from './intent-model.ts';
import { createKeywordScorer, type KeywordScorer, type TrainingRule } from './keyword-scorer.ts';
import type { ModelTrainer } from './model-trainer.ts';
import { ruleUtterances } from './rule-utterances.ts';

export interface TenantIntents {
  fingerprint: string;
  rules: TrainingRule[];
  scorer: KeywordScorer;
  /** Set once the background training for this fingerprint finished. */
  model: IntentModel | undefined;
  /** Settles when training finished (or failed: the keyword scorer then stays in use). */
  ready: Promise<void>;
}

export interface IntentRegistry {
  /** The tenant's matcher for exactly these rules; starts training in the background when they changed. */
  intentsFor(tenantId: string, rules: readonly AiRuleCandidate[]): TenantIntents;
  /** Resolves when the tenant's latest training settled (tests, warm-up). */
  whenReady(tenantId: string): Promise<void>;
}

const MAX_TENANTS = 500;

/** A cheap identity of the rules' trainable content: a change to any of it retrains. */
export function rulesFingerprint(rules: readonly AiRuleCandidate[]): string {
  const hash = crypto.createHash('sha256');
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(JSON.stringify([rule.id, rule.name, rule.description, rule.examples]));
  }
  return hash.digest('base64url');
}

export function createIntentRegistry(
  trainer: ModelTrainer,
  onError?: (error: unknown) => void,
): IntentRegistry {
  const tenants = new Map<string, TenantIntents>();

  function train(tenantId: string, state: TenantIntents): Promise<void> {
    return trainer
      .train(state.rules)
      .then(loadIntentModel)
      .then((model) => {
        if (tenants.get(tenantId) === state) state.model = model;
      })
      .catch((error) => onError?.(error));
  }

  return {
    intentsFor(tenantId, rules) {
      const fingerprint = rulesFingerprint(rules);
      const current = tenants.get(tenantId);
      if (current?.fingerprint === fingerprint) {
        // Refresh the tenant's place in the least-recently-used order.
        tenants.delete(tenantId);
        tenants.set(tenantId, current);
        return current;
      }
      const trainingRules = rules.map((rule) => ({ id: rule.id, utterances: ruleUtterances(rule) }));
      const state: TenantIntents = {
        fingerprint,
        rules: trainingRules,
        scorer: createKeywordScorer(trainingRules),
        model: undefined,
        ready: Promise.resolve(),
      };
      tenants.delete(tenantId);
      tenants.set(tenantId, state);
      if (tenants.size > MAX_TENANTS) tenants.delete(tenants.keys().next().value as string);
      if (trainingRules.length > 0) state.ready = train(tenantId, state);
      return state;
    },
    async whenReady(tenantId) {
      await tenants.get(tenantId)?.ready;
    },
  };
}
