import { createNlp, type NlpInstance } from '../nlpjs.ts';
import type { TrainingRule } from './keyword-scorer.ts';

export interface IntentModel {
  /** Rule ids with the model's confidence, best first; the pseudo-intent "None" is left out. */
  classify(message: string): Promise<Array<{ ruleId: string; score: number }>>;
}

/**
 * Trains NLP.js's neural intent classifier on the rules' utterances and returns the model as JSON
 * (what the training worker sends back). CPU-heavy for many rules: call it off the main thread.
 */
export async function trainIntentModel(rules: readonly TrainingRule[]): Promise<string> {
  const nlp = await createNlp();
  for (const rule of rules) {
    for (const utterance of rule.utterances) nlp.addDocument('en', utterance, rule.id);
  }
  await nlp.train();
  return nlp.export(true);
}

/** Loads a model trained by trainIntentModel; classifying takes about a millisecond. */
export async function loadIntentModel(json: string): Promise<IntentModel> {
  const nlp: NlpInstance = await createNlp();
  nlp.import(json);
  return {
    async classify(message) {
      const result = await nlp.process('en', message);
      return (result.classifications ?? [])
        .filter((c) => c.intent !== 'None')
        .map((c) => ({ ruleId: c.intent, score: c.score }));
    },
  };
}
