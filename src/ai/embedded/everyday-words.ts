import { stemEnglish } from '../nlpjs.ts';
import { contentWords, isSupportWord } from './content-words.ts';

/**
 * Topic words with everyday senses besides the support one: "I ordered pizza", "the order of
 * service", "do you ship to Germany". Alone they do not tie a message to a rule.
 */
const EVERYDAY = ['order', 'ship', 'service', 'love', 'thing', 'way', 'work', 'place'];

/**
 * Words that go with the support sense of an everyday word, not with another topic: the details a
 * request carries — the kinds of value an endpoint asks for ("my email is …", "order number 4521",
 * "tracking code") — how visitors chase one ("where's my stuff", "still waiting", "any update?")
 * and when ("since last week"). Beside "order" they are no sign that the message is about
 * something else; they do not make a message match on their own (they are not shared words).
 */
const REQUEST_WORDS = `email mail e-mail address phone name number no nr id ref reference code tracking
  confirmation receipt status update wait waiting late delay delayed missing lost stuff item items
  day days week weeks month months today yesterday tomorrow tonight ago since last next recently
  hour hours minute minutes
  monday tuesday wednesday thursday friday saturday sunday`.split(/\s+/);

const stems = (words: readonly string[]) =>
  new Set(words.flatMap((word) => contentWords(word)).concat(words.map((word) => stemEnglish(word))));
const everyday = stems(EVERYDAY);
const requestWords = stems(REQUEST_WORDS);

/**
 * A reference number right after "order" — "order 4521", "order #4521", "order no. 4521", "order
 * number: A-10" — reads only in the support sense ("I ordered 12 pizzas" has none).
 */
const INTRODUCED_REFERENCE =
  /\border\s*(?:(?:#|(?:no|nr|num|number|id|ref|reference)\b\.?\s*[:#]?)\s*[\p{L}\p{N}-]*\p{N}{2}|:?\s*[\p{L}-]*\p{N}{3})/iu;

/**
 * Why a message should not match a rule although they share words: every shared word is an
 * everyday one, and the message also talks about something else that is not a support topic
 * ("pizza", "Germany"). "Where is my order #4521?" (nothing else), "track my order" (tracking is
 * a support topic), "Where's my stuff? Order 4521" (a reference number after the everyday word)
 * and "Where is my order? My email is …" (the details of a request) still match. Undefined when
 * the overlap stands.
 */
export function everydayOnlyOverlap(
  shared: readonly string[],
  unshared: readonly string[],
  message = '',
): string | undefined {
  if (shared.length === 0 || !shared.every((word) => everyday.has(word))) return undefined;
  if (INTRODUCED_REFERENCE.test(message)) return undefined;
  const elsewhere = [...new Set(unshared.filter((word) => !isSupportWord(word) && !requestWords.has(word)))];
  if (elsewhere.length === 0) return undefined;
  return `only the everyday word${shared.length > 1 ? 's' : ''} ${[...new Set(shared)].join(', ')} in common, and the message is about something else (${elsewhere.join(', ')})`;
}
