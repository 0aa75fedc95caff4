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
  /** The tenant's matcher for exactly these rules; starts training in the background when they are new. */
  intentsFor(tenantId: string, rules: readonly AiRuleCandidate[]): TenantIntents;
  /** Resolves when every training of the tenant settled (tests, warm-up). */
  whenReady(tenantId: string): Promise<void>;
}

/** Models kept in memory in all; per tenant a few rule sets, since widgets can have AI rules of their own. */
const MAX_MODELS = 500;
const MAX_PER_TENANT = 4;

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
  // Keyed by tenant and fingerprint, least recently used first.
  const models = new Map<string, TenantIntents & { tenantId: string }>();

  function evict(tenantId: string): void {
    const own = [...models.entries()].filter(([, state]) => state.tenantId === tenantId);
    for (const [key] of own.slice(0, Math.max(0, own.length - MAX_PER_TENANT))) models.delete(key);
    while (models.size > MAX_MODELS) models.delete(models.keys().next().value as string);
  }

  return {
    intentsFor(tenantId, rules) {
      const fingerprint = rulesFingerprint(rules);
      const key = `${tenantId}\u0000${fingerprint}`;
      const current = models.get(key);
      if (current) {
        models.delete(key);
        models.set(key, current);
        return current;
      }
      const trainingRules = rules.map((rule) => ({ id: rule.id, utterances: ruleUtterances(rule) }));
      const state: TenantIntents & { tenantId: string } = {
        tenantId,
        fingerprint,
        rules: trainingRules,
        scorer: createKeywordScorer(trainingRules),
        model: undefined,
        ready: Promise.resolve(),
      };
      models.set(key, state);
      evict(tenantId);
      if (trainingRules.length > 0) {
        state.ready = trainer
          .train(trainingRules)
          .then(loadIntentModel)
          .then((model) => {
            state.model = model;
          })
          .catch((error) => onError?.(error));
      }
      return state;
    },
    async whenReady(tenantId) {
      await Promise.all(
        [...models.values()].filter((state) => state.tenantId === tenantId).map((state) => state.ready),
      );
    },
  };
}
