import {
  languageCommonWords,
  languageMarkerLetters,
  scriptFamilies,
  scriptLanguages,
} from './language-hints.ts';
import { guessLanguages } from './nlpjs.ts';

/** Every language that lists a word, for weighting: a word n languages share counts 1/n for each. */
const wordLanguages = new Map<string, string[]>();
for (const [language, words] of Object.entries(languageCommonWords)) {
  for (const word of new Set(words.split(/\s+/).filter(Boolean))) {
    wordLanguages.set(word, [...(wordLanguages.get(word) ?? []), language]);
  }
}

/** Every code the detector may answer; the trigram guesser is given all of them (a narrower list can leave it none for the text's script). */
const detectableLanguages = [
  ...new Set([
    ...scriptLanguages.map(([, language]) => language),
    ...scriptFamilies.flatMap((f) => f.languages),
  ]),
];

/** Letters of each shared script, counted to find the one most of a text is written in. */
const familyLetters = scriptFamilies.map((family) => ({
  family,
  letters: new RegExp(family.script.source, 'gu'),
}));

/** The script family most of the text's letters belong to ("Hello привет everyone" is Latin). */
function mainFamily(sample: string) {
  let best: (typeof scriptFamilies)[number] | undefined;
  let bestCount = 0;
  for (const { family, letters } of familyLetters) {
    const count = sample.match(letters)?.length ?? 0;
    if (count > bestCount) {
      best = family;
      bestCount = count;
    }
  }
  return best;
}

/** E-mail addresses, URLs and bare domain names. */
const ADDRESSES = /\S+@\S+|\b(?:https?:\/\/|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io)\b\S*/giu;

/** How much the trigram guess (0..1, best 1) adds: enough to break a tie of words, never to outvote one. */
const TRIGRAM_WEIGHT = 0.5;
const MARKER_WEIGHT = 0.3;
/** A line of up to this many words must lead a language with words of its own by SHORT_MARGIN, or it is unknown. */
const SHORT_WORDS = 3;
const SHORT_MARGIN = 0.25;
/**
 * A line of up to this many words is only given a language that has evidence of its own in it: a
 * word no other language of the script lists, or one of its marker letters. Words many languages
 * share ("me", "a", "my") and the trigram guess alone read "tell me a joke" as Hungarian.
 */
const FEW_WORDS = 4;

/**
 * The visitor's language as an ISO 639-1 code, offline. Unique scripts (Japanese, Greek…) answer
 * at once; otherwise each language of the text's script scores its common words, letters only it
 * uses, and NLP.js's trigram guess as a tie-breaker. Returns null when it cannot tell: fewer than
 * three letters, Latin text without a single word any language claims ("Asdf 4521"), or a short
 * line two languages explain about equally well. Addresses (e-mail, URLs) are not read as words. Callers then keep the
 * visitor's stated language.
 *
 * @example detectLanguage('Où est ma commande ?') // → 'fr'
 * @example detectLanguage('Can I get a refund?') // → 'en'
 */
export function detectLanguage(text: string): string | null {
  // Addresses are not words of any language ("jane@example.com" read as Portuguese for its "com").
  const sample = text.normalize('NFC').slice(0, 2000).replace(ADDRESSES, ' ');
  const letters = sample.match(/\p{L}/gu);
  if (!letters || letters.length < 3) return null;
  for (const [pattern, language] of scriptLanguages) if (pattern.test(sample)) return language;
  const family = mainFamily(sample);
  if (!family) return null;

  const lower = sample.toLowerCase();
  const words = lower.split(/[^\p{L}]+/u).filter(Boolean);
  const few = words.length <= FEW_WORDS;
  const [best, second] = scoreLanguages(sample, lower, words, family.languages, few);
  if (!best) return null;
  // Many languages share a script like Latin: without a word or letter of its own, a guess is noise.
  if (family.needsWords && best.words === 0) return null;
  // Two languages whose words both explain a short line ("Hallo"): too close to call.
  const close = second && second.words > 0 && best.total - second.total < SHORT_MARGIN;
  if (words.length <= SHORT_WORDS && close) return null;
  if (few && best.own === 0) return null;
  return best.language;
}

interface LanguageScore {
  language: string;
  /** Evidence of its own: common words (shared ones split) and marker letters. */
  words: number;
  /** Evidence only this language gives: words no other language of the script lists, marker letters. */
  own: number;
  /** `words` plus the weighted trigram guess. */
  total: number;
}

/** The languages of one script family, best first. */
function scoreLanguages(
  sample: string,
  lower: string,
  words: string[],
  languages: string[],
  few: boolean,
): LanguageScore[] {
  const scores = new Map<string, LanguageScore>(
    languages.map((language) => [language, { language, words: 0, own: 0, total: 0 }]),
  );
  for (const word of words) {
    const sharedBy = (wordLanguages.get(word) ?? []).flatMap((language) => scores.get(language) ?? []);
    for (const score of sharedBy) score.words += 1 / sharedBy.length;
    if (sharedBy.length === 1) sharedBy[0].own += 1;
  }
  for (const [language, marks] of Object.entries(languageMarkerLetters)) {
    const score = scores.get(language);
    if (score && [...marks].some((c) => lower.includes(c))) {
      score.words += MARKER_WEIGHT;
      score.own += 1;
    }
  }
  for (const score of scores.values()) score.total = score.words;
  const byWords = [...scores.values()].sort((a, b) => b.words - a.words);
  // A short line without any language's own evidence has no answer (see FEW_WORDS): no guess needed.
  if (few && byWords.every((score) => score.own === 0)) return byWords;
  // The trigram guess adds at most TRIGRAM_WEIGHT to any language: a lead of words beyond that and
  // the short-line margin is already the answer, and the guess is most of the detector's cost.
  if (byWords.length < 2 || byWords[0].words - byWords[1].words > TRIGRAM_WEIGHT + SHORT_MARGIN) {
    return byWords;
  }
  for (const guess of guessLanguages(sample, detectableLanguages, detectableLanguages.length)) {
    const score = scores.get(guess.alpha2);
    if (score) score.total += TRIGRAM_WEIGHT * guess.score;
  }
  return [...scores.values()].sort((a, b) => b.total - a.total);
}
