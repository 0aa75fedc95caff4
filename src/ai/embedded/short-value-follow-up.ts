import { extractDate } from '../slots/extract-date.ts';
import { MessageText, type SlotCandidate } from '../slots/message-text.ts';

/** A follow-up is a few words: "and on 3 December?", "on Friday then", "what about tomorrow". */
const MAX_WORDS = 6;

/**
 * The words around a new value in a follow-up, which say "the same request, with this instead".
 * Anything else ("what are you doing on Friday", "I have 2 questions") is a message of its own.
 */
const FOLLOW_UP_WORDS = new Set(
  `and or but on at in for from to by the a an what how about then instead please pls ok okay so
   maybe perhaps also again same one day date try check else is it there any can could would
   sorry oh hmm well thanks`.split(/\s+/),
);

/**
 * What chrono reads as a date but no visitor means as one: "now" in "ok now", "then". A date in a
 * follow-up names a day (a number, a weekday or month, or a word like tomorrow or next week).
 */
const NAMES_A_DAY =
  /\d|today|tonight|tomorrow|yesterday|week|month|year|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

const LONE_NUMBER = /^#?\d+(?:[.,]\d+)?$/;

function dateIn(text: MessageText, language: string | null, now: Date): SlotCandidate | undefined {
  const { found } = extractDate(text, now, language);
  if (!found || found.length === 0) return undefined;
  return NAMES_A_DAY.test(text.text.slice(found.index, found.index + found.length)) ? found : undefined;
}

function loneNumberIn(text: MessageText): SlotCandidate | undefined {
  const word = text.tokens().find((token) => LONE_NUMBER.test(token.value));
  return word && { raw: word.value, index: word.index, length: word.value.length };
}

/**
 * A short message that only gives a new value — a date ("and on 3 December?", "on Friday then",
 * "next week?") or a number ("and for 3?", "what about room 5") — with nothing around it but
 * follow-up words (and, for a number, the noun right before it). After
 * an answered request such a message means "the same again, with this value": the caller
 * continues the rule the visitor was in, and slot filling takes the new value, the rest from the
 * session. Longer numbers, emails and #codes are recognised by the caller on their own.
 */
export function isShortValueFollowUp(
  message: string,
  language: string | null = null,
  now = new Date(),
): boolean {
  const text = new MessageText(message);
  const words = text.tokens();
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  const date = dateIn(text, language, now);
  const value = date ?? loneNumberIn(text);
  if (!value) return false;
  // "what about room 5": a number may come with the noun that says what it is, right before it.
  const noun = date ? undefined : words.findLast((word) => word.index < value.index);
  text.consume(value.index, value.length);
  return text
    .tokens()
    .every((word) => FOLLOW_UP_WORDS.has(word.value.toLowerCase()) || word.index === noun?.index);
}
