import { fieldLabel } from '../../connections/fields/index.ts';
import type { EndpointFieldInfo } from '../../rules/ai-hooks.ts';

/**
 * What a number or code in the visitor's message is, for one field — judged by the words right
 * before it and a currency next to it. "I paid 150 euros for order 4521": for an order number,
 * 4521 is `own` (introduced by the field's own word) and 150 an `amount`; in "my phone is
 * 0170123456" the number is `other` (another noun's); the 3 of "3 December" is a `date`'s day. Best
 * first: own, reference, plain; the last three are never taken (an amount is, for a field about money).
 */
export type TokenRole = 'own' | 'reference' | 'plain' | 'other' | 'amount' | 'date';

export const ROLE_RANK: Record<TokenRole, number> = {
  own: 0,
  reference: 1,
  plain: 2,
  other: 3,
  amount: 3,
  date: 3,
};

/** Words between a noun and its value: "my order is 4521", "the order: #4521". */
const FILLER = new Set('is was are my our your his her their the a an it its this that be'.split(' '));
/** Words that say "a reference follows" without saying of what: "order no. 4521", "ref 88123". */
const GENERIC = new Set('id ids number num no nr ref reference code'.split(' '));
/** Nouns that name a kind of reference: "ticket 555" is not an order number, unless the field has no noun of its own. */
const REFERENCE_NOUNS = new Set(
  `order ticket booking invoice sku tracking reservation confirmation serial receipt shipment transaction
   case pnr voucher contract policy`.split(/\s+/),
);
/** Nouns whose number is something else than a reference: "phone 0170…", "room 205", "zip 10115", "year 2024". */
const OTHER_NOUNS = new Set(
  `phone telephone tel mobile cell cellphone fax whatsapp room rooms zip zipcode postcode postal plz year
   years age floor apartment apt flat suite unit house street building page pages ext extension qty
   quantity pieces pcs guests people persons adults children kids nights days weeks months hours minutes
   table seat seats gate platform account customer member card iban pin size version step`.split(/\s+/),
);
/** Words of a field about money: for such a field an amount is the value, not noise. */
const MONEY_WORDS = new Set(
  'amount price cost total sum fee fees payment paid budget value refund'.split(' '),
);
const NOT_OWN = new Set([
  ...FILLER,
  ...GENERIC,
  'for',
  'of',
  'used',
  'to',
  'in',
  'on',
  'from',
  'with',
  'which',
]);

const CURRENCY_WORDS =
  'eur|euro|euros|usd|dollar|dollars|bucks|gbp|pound|pounds|chf|francs?|yen|cents?|sek|nok|dkk|pln|kr';
const CURRENCY_BEFORE = new RegExp(`(?:[€$£¥₹]|\\b(?:${CURRENCY_WORDS}))\\s*$`, 'iu');
const CURRENCY_AFTER = new RegExp(`^\\s*(?:[€$£¥₹]|(?:${CURRENCY_WORDS})\\b)`, 'iu');
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** "3 December", "3. Dec", "3rd of May" (the day before its month) and "December 3", "Dec. 3". */
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?\\.?\\s*(?:of\\s+)?${MONTH}\\b`, 'iu');
const MONTH_BEFORE = new RegExp(`\\b${MONTH}\\.?\\s*$`, 'iu');
/** A value's phrase ends at these: in "where is my order? 150 euros" the 150 is not the order's. */
const PHRASE_BREAK = /[,;!?\n]/g;
/** How many words back a value's noun may be: "order number is 4521", "the order no. 4521". */
const LOOK_BACK = 4;

const wordsOf = (text: string): string[] =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export interface FieldCues {
  /** The field's own nouns ("orderId", "Order number" → order; "roomId" → room). */
  own: ReadonlySet<string>;
  /** The field holds money: amounts are its values. */
  money: boolean;
}

export function fieldCues(field: Pick<EndpointFieldInfo, 'name' | 'description'>): FieldCues {
  const label = fieldLabel({ name: field.name, description: field.description.split(/[,;(]/)[0] });
  const words = [...wordsOf(field.name), ...wordsOf(label)];
  return {
    own: new Set(words.filter((word) => word.length >= 3 && !NOT_OWN.has(word))),
    money: words.some((word) => MONEY_WORDS.has(word)),
  };
}

/** The role of the value at `index` (`length` characters, a leading # included) in `text`. */
export function tokenRole(text: string, index: number, length: number, cues: FieldCues): TokenRole {
  const before = text.slice(0, index);
  // "and on 3 December?": the 3 belongs to the date, whatever field wants a number (it became room 3).
  if (MONTH_AFTER.test(text.slice(index + length)) || MONTH_BEFORE.test(before)) return 'date';
  if (!cues.money && (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(text.slice(index + length)))) {
    return 'amount';
  }
  const phrase = before.slice(lastBreak(before));
  const role = nounRole(wordsOf(phrase).slice(-LOOK_BACK).reverse(), cues);
  if (role === 'other' || role === 'own') return role;
  // People write # before the number they mean: "#4521".
  return text[index] === '#' || /#\s*$/.test(phrase) ? 'own' : role;
}

function lastBreak(text: string): number {
  let last = 0;
  for (const match of text.matchAll(PHRASE_BREAK)) last = match.index + 1;
  return last;
}

/** Walks back from the value over fillers and nouns: the first noun that decides wins. */
function nounRole(wordsBack: readonly string[], cues: FieldCues): TokenRole {
  let referenced = false;
  let otherReference = false;
  for (const word of wordsBack) {
    if (cues.own.has(word)) return 'own';
    if (FILLER.has(word)) continue;
    if (GENERIC.has(word)) {
      referenced = true;
      continue;
    }
    // "order confirmation 4521": a kind of reference may be a modifier; keep looking for the field's noun.
    if (REFERENCE_NOUNS.has(word)) {
      otherReference = true;
      continue;
    }
    if (OTHER_NOUNS.has(word)) return 'other';
    break;
  }
  if (otherReference) return hasNoun(cues) ? 'other' : 'reference';
  return referenced ? 'reference' : 'plain';
}

/** Whether the field names what it holds (order, room, customer), beyond "id" or "number". */
const hasNoun = (cues: FieldCues): boolean => cues.own.size > 0;
