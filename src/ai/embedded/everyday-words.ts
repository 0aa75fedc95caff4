import { stemEnglish } from '../nlpjs.ts';
import { contentWords, isSupportWord } from './content-words.ts';

/**
 * Topic words with everyday senses besides the support one: "I ordered pizza", "the order of
 * service", "do you ship to Germany". Alone they do not tie a message to a rule.
 */
const EVERYDAY = ['order', 'ship', 'service', 'love', 'thing', 'way', 'work', 'place'];
const everyday = new Set(EVERYDAY.map((word) => contentWords(word)[0] ?? stemEnglish(word)));

/**
 * Why a message should not match a rule although they share words: every shared word is an
 * everyday one, and the message also talks about something else that is not a support topic
 * ("pizza", "Germany"). "Where is my order #4521?" (nothing else) and "track my order" (tracking is
 * a support topic) still match. Undefined when the overlap stands.
 */
export function everydayOnlyOverlap(
  shared: readonly string[],
  unshared: readonly string[],
): string | undefined {
  if (shared.length === 0 || !shared.every((word) => everyday.has(word))) return undefined;
  const elsewhere = [...new Set(unshared.filter((word) => !isSupportWord(word)))];
  if (elsewhere.length === 0) return undefined;
  return `only the everyday word${shared.length > 1 ? 's' : ''} ${[...new Set(shared)].join(', ')} in common, and the message is about something else (${elsewhere.join(', ')})`;
}
