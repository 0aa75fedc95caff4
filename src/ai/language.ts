import { detectableLanguages, languageFunctionWords, languageMarkerLetters } from './language-hints.ts';
import { guessLanguages } from './nlpjs.ts';

const functionWords = new Map(
  Object.entries(languageFunctionWords).map(([language, words]) => [language, new Set(words.split(' '))]),
);

/** Scripts that name their language outright; the trigram guesser is only needed for shared scripts. */
const scriptLanguages: Array<[RegExp, string]> = [
  [/[\u3040-\u30ff]/u, 'ja'],
  [/[\uac00-\ud7af]/u, 'ko'],
  [/[\u0e00-\u0e7f]/u, 'th'],
  [/[\u0590-\u05ff]/u, 'he'],
  [/[\u0370-\u03ff]/u, 'el'],
  [/[\u0900-\u097f]/u, 'hi'],
  [/[\u4e00-\u9fff]/u, 'zh'],
];

/**
 * The visitor's language as an ISO 639-1 code, offline: NLP.js's trigram guesser restricted to
 * common chat languages, helped on short lines by function words and marker letters. Returns null
 * when there is too little text to tell (no letters, or fewer than three).
 *
 * @example detectLanguage('Où est ma commande ?') // → 'fr'
 */
export function detectLanguage(text: string): string | null {
  const sample = text.normalize('NFC').slice(0, 2000);
  const letters = sample.match(/\p{L}/gu);
  if (!letters || letters.length < 3) return null;
  for (const [pattern, language] of scriptLanguages) if (pattern.test(sample)) return language;

  const scores = new Map<string, number>();
  for (const guess of guessLanguages(sample, detectableLanguages, detectableLanguages.length))
    scores.set(guess.alpha2, guess.score);
  const lower = sample.toLowerCase();
  const words = lower.split(/[^\p{L}]+/u).filter(Boolean);
  for (const [language, set] of functionWords) {
    const hits = words.filter((w) => set.has(w)).length;
    if (hits > 0) scores.set(language, (scores.get(language) ?? 0) + (0.9 * hits) / words.length);
  }
  for (const [language, marks] of Object.entries(languageMarkerLetters)) {
    if ([...marks].some((c) => lower.includes(c))) scores.set(language, (scores.get(language) ?? 0) + 0.3);
  }
  let best: string | null = null;
  let bestScore = 0;
  for (const [language, score] of scores) {
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return best;
}
