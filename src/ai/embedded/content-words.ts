import { stemEnglish } from '../nlpjs.ts';
import { synonymGroups } from './synonyms.ts';

/** Words that carry no topic: they never make a message match a rule on their own. */
const stopWords = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most
  my myself no nor not now of off on once only or other our ours ourselves out over own same she should
  so some such than that the their theirs them themselves then there these they this those through to
  too under until up very was we were what when where which while who whom why will with would you your
  yours yourself yourselves hi hello hey please thanks thank ok okay yes want wanted like need know tell
  get got give let lets im ive id youre dont doesnt cant could would should may might must also still
  asks ask asking visitor customer user question questions something anything help come comes came
  coming go goes going went gone yet already soon ever really actually anyway though sure lol haha pls
  plz thx`.split(/\s+/),
);

/** E-mail addresses and URLs: "john@example.com" is no topic ("john", "example", "com" diluted the overlap). */
const ADDRESSES = /\S+@\S+|\b(?:https?:\/\/|www\.)\S+/giu;

const canonical = new Map<string, string>();
for (const [head, ...others] of synonymGroups) {
  for (const word of others) canonical.set(stemEnglish(word), stemEnglish(head));
}
/** The topic words of customer support (each synonym group's head): "track" in "track my order" is on topic. */
const supportWords = new Set(synonymGroups.map(([head]) => stemEnglish(head)));
export const isSupportWord = (word: string): boolean => supportWords.has(word);

/**
 * The stemmed topic words of a text ("Has my parcel shipped?" → ["packag", "ship"]), synonyms folded,, used by the
 * keyword scorer and to check that an intent-model match shares at least one word with its rule.
 */
export function contentWords(text: string): string[] {
  const words = text
    .replace(ADDRESSES, ' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // "where's", "I'm", "we'll": the word before the contraction ("where", a stop word, not "wheres").
    .replace(/['’](?:s|m|re|ve|ll|d)\b/gu, '')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u);
  const out: string[] = [];
  for (const word of words) {
    if (word.length < 2 || stopWords.has(word) || /^\d+$/.test(word)) continue;
    const stem = stemEnglish(word);
    out.push(canonical.get(stem) ?? stem);
  }
  return out;
}
