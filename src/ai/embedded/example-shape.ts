import { contentWords } from './content-words.ts';

/**
 * "Do you ship to Germany?" against a rule whose example is "Do you ship to Austria?": the same
 * sentence with another value in the example's value slot. Shape-matching is strong evidence
 * even when the only topic word shared is an everyday one ("ship") — the veto against such
 * overlaps (everydayOnlyOverlap) is for rules whose own examples do not have that shape.
 */
export interface ShapeMatch {
  /** The rule's example, as written. */
  example: string;
  /** The example's value ("Austria") and what the message has in its place ("Germany"). */
  exampleValue: string;
  messageValue: string;
}

/** A swap longer than this is another sentence, not another value ("the United States" is three). */
const MAX_VALUE_TOKENS = 3;
/** Around the value, the example and the message must share at least this many words. */
const MIN_SHARED_TOKENS = 2;

const MONTHS =
  'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec';
const DAYS =
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun';
/** Date words in lower case are values too ("are you open on sunday"); "may" only capitalised (see below). */
const DATE_WORDS = new Set(`${MONTHS} ${DAYS} today tomorrow tonight yesterday`.split(' '));
/** Greetings and courtesy at either end are no part of a sentence's shape. */
const COURTESY = new Set('hi hello hey please pls plz thanks thx'.split(' '));

interface Token {
  /** As written, for the capital-letter test and for the reason. */
  text: string;
  /** Lower case without accents, for comparing. */
  key: string;
  /** First word of a sentence: a capital there says nothing. */
  sentenceStart: boolean;
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)) {
    const before = text.slice(0, match.index);
    tokens.push({
      text: match[0],
      key: match[0]
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, ''),
      sentenceStart: /^[\s\p{P}]*$/u.test(before) || /[.!?]\s*$/u.test(before),
    });
  }
  let start = 0;
  let end = tokens.length;
  while (start < end && COURTESY.has(tokens[start].key)) start++;
  while (end > start && COURTESY.has(tokens[end - 1].key)) end--;
  return tokens.slice(start, end);
}

/**
 * A word the example's author put a value in: a number ("205", "#4521"), a date word ("Sunday",
 * "tomorrow"), or a proper noun — capitalised mid-sentence ("Austria"). In a Title Case example
 * every word has a capital, so there a capital is no sign.
 */
function isValueSlot(token: Token, titleCase: boolean): boolean {
  if (/\p{N}/u.test(token.text)) return true;
  if (token.key === 'may') return /^May$/.test(token.text) && !token.sentenceStart;
  if (DATE_WORDS.has(token.key)) return true;
  return !titleCase && !token.sentenceStart && token.text !== 'I' && /^\p{Lu}/u.test(token.text);
}

function isTitleCase(tokens: readonly Token[]): boolean {
  const words = tokens.filter((token) => /^\p{L}/u.test(token.text));
  return words.length > 2 && words.filter((token) => /^\p{Lu}/u.test(token.text)).length > words.length / 2;
}

function commonPrefix(a: readonly Token[], b: readonly Token[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n].key === b[n].key) n++;
  return n;
}

function commonSuffix(a: readonly Token[], b: readonly Token[], prefix: number): number {
  let n = 0;
  while (
    n < a.length - prefix &&
    n < b.length - prefix &&
    a[a.length - 1 - n].key === b[b.length - 1 - n].key
  ) {
    n++;
  }
  return n;
}

/** The message against one example: the same words except one value slot, or undefined. */
function shapeAgainst(message: readonly Token[], example: string): ShapeMatch | undefined {
  const exampleTokens = tokensOf(example);
  const prefix = commonPrefix(exampleTokens, message);
  const suffix = commonSuffix(exampleTokens, message, prefix);
  const exampleSlot = exampleTokens.slice(prefix, exampleTokens.length - suffix);
  const messageSlot = message.slice(prefix, message.length - suffix);
  if (exampleSlot.length === 0 || exampleSlot.length > MAX_VALUE_TOKENS) return undefined;
  if (messageSlot.length === 0 || messageSlot.length > MAX_VALUE_TOKENS) return undefined;
  const titleCase = isTitleCase(exampleTokens);
  if (!exampleSlot.every((token) => isValueSlot(token, titleCase))) return undefined;
  const messageValue = messageSlot.map((token) => token.text).join(' ');
  // "Do you ship to the?" fills the slot with nothing: the new value must be a word or a number.
  if (contentWords(messageValue).length === 0 && !/\p{N}/u.test(messageValue)) return undefined;
  // The words around the slot carry the request: at least two, and one of them a topic word.
  const around = [...exampleTokens.slice(0, prefix), ...exampleTokens.slice(exampleTokens.length - suffix)];
  if (around.length < MIN_SHARED_TOKENS) return undefined;
  if (contentWords(around.map((token) => token.text).join(' ')).length === 0) return undefined;
  return { example, exampleValue: exampleSlot.map((token) => token.text).join(' '), messageValue };
}

/**
 * The first of the rule's examples that the message repeats with another value in one slot:
 * "Do you ship to Poland?" for "Do you ship to Austria?", "Are you open on Saturday?" for "Are
 * you open on Sunday?", "Is room 310 available next week?" for "Is room 205 available next
 * week?". Case, punctuation, accents and a greeting or "please" at either end do not count.
 */
export function sameShapeExample(message: string, examples: readonly string[]): ShapeMatch | undefined {
  const tokens = tokensOf(message);
  if (tokens.length === 0) return undefined;
  for (const example of examples) {
    const match = shapeAgainst(tokens, example);
    if (match) return match;
  }
  return undefined;
}
