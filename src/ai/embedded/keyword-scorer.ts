import { contentWords } from './content-words.ts';

export interface TrainingRule {
  id: string;
  utterances: string[];
}

export interface IntentScore {
  ruleId: string;
  score: number;
  /** Topic words the message shares with the rule. */
  shared: string[];
  /** The message's other topic words. */
  unshared: string[];
}

export interface KeywordScorer {
  score(message: string): IntentScore[];
}

/**
 * The instant fallback while a tenant's intent model trains: the share of the message's topic
 * words (weighted by how specific each word is to few rules) found in each rule's training text.
 */
export function createKeywordScorer(rules: readonly TrainingRule[]): KeywordScorer {
  const vocabularies = rules.map((rule) => ({
    ruleId: rule.id,
    words: new Set(rule.utterances.flatMap(contentWords)),
  }));
  const documentFrequency = new Map<string, number>();
  for (const { words } of vocabularies) {
    for (const word of words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  const ruleCount = Math.max(rules.length, 1);
  const weight = (word: string) => Math.log(1 + ruleCount / (documentFrequency.get(word) ?? 0.5));

  return {
    score(message) {
      const words = [...new Set(contentWords(message))];
      const total = words.reduce((sum, word) => sum + weight(word), 0);
      return vocabularies
        .map(({ ruleId, words: vocabulary }) => {
          const shared = words.filter((word) => vocabulary.has(word));
          const unshared = words.filter((word) => !vocabulary.has(word));
          const score = total === 0 ? 0 : shared.reduce((sum, word) => sum + weight(word), 0) / total;
          return { ruleId, score, shared, unshared };
        })
        .sort((a, b) => b.score - a.score);
    },
  };
}
