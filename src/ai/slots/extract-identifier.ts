import { validPhrase } from '../../connections/fields/check-field-value.ts';
import { fieldLabel } from '../../connections/fields/index.ts';
import type { EndpointFieldInfo } from '../../rules/ai-hooks.ts';
import type { MessageText, SlotCandidate } from './message-text.ts';
import { fieldCues, ROLE_RANK, tokenRole } from './token-role.ts';

/** Words that name a reference number: a field called or described so holds one. */
const IDENTIFIER_WORDS = new Set(
  `id ids number num no nr ref reference order ticket booking invoice sku tracking reservation
   confirmation code serial receipt shipment transaction case pnr voucher contract policy`.split(/\s+/),
);
/** Name words of fields that hold something else, even with an identifier word ("phone number", "order notes"). */
const OTHER_WORDS = new Set(
  `name email mail phone mobile tel address street city country zip postal postcode note notes
   comment message text description reason title subject password language currency status date time`.split(
    /\s+/,
  ),
);

const ID_SHAPE = /^[\p{L}\p{N}]+(?:[-_/.][\p{L}\p{N}]+)*$/u;
const DATE_LIKE = /^\d{1,4}([./-])\d{1,2}\1\d{1,4}$/;
const DECIMAL = /^\d+[.,]\d+$/;
/** "2nd", "10am", "3kg", "2x": a quantity or a time, not a reference. */
const MEASURE = /^\d+(?:st|nd|rd|th|am|pm|h|hrs?|min|x|kg|g|km|m|cm|mm|l|ml|pcs|eur|usd|gbp)$/i;
const YEAR = /^(?:19|20)\d\d$/;
/** A whole answer without digits may still be a code like a PNR ("XKCDQZ"). */
const CAPITAL_CODE = /^[A-Z0-9]{4,20}$/;

const wordsOf = (text: string): string[] =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The words of a field's name and short label ("orderId", "Order number" → order, id, number). */
function fieldWords(field: Pick<EndpointFieldInfo, 'name' | 'description'>): string[] {
  const label = fieldLabel({ name: field.name, description: field.description.split(/[,;(]/)[0] });
  return [...new Set([...wordsOf(field.name), ...wordsOf(label)])];
}

/**
 * A string field without a pattern that holds a reference number — order, booking, ticket,
 * invoice, SKU, any "…Id" or "… number" — judged by its name and description. Such a field is
 * filled from a reference-like token in the message, never from plain words.
 */
export function isIdentifierField(field: Pick<EndpointFieldInfo, 'name' | 'description'>): boolean {
  if (wordsOf(field.name).some((word) => OTHER_WORDS.has(word))) return false;
  return fieldWords(field).some((word) => IDENTIFIER_WORDS.has(word));
}

const digitsIn = (value: string): number => value.replace(/\D/g, '').length;

/** A token that reads as a reference number: has digits, and is not an email, date, decimal or quantity. */
function referenceValue(token: string, cued: boolean): string | undefined {
  const raw = token.replace(/^#/, '');
  if (raw.length < 2 || raw.length > 40 || !ID_SHAPE.test(raw)) return undefined;
  if (DATE_LIKE.test(raw) || DECIMAL.test(raw) || MEASURE.test(raw)) return undefined;
  const digits = digitsIn(raw);
  if (cued) return digits >= 2 ? raw : undefined;
  return digits >= 3 && !YEAR.test(raw) ? raw : undefined;
}

/**
 * The reference number for an identifier field: the best by tokenRole — a #-token or one the
 * field's own words introduce ("#4521", "order 4521", "no. 4521", "booking ref AB-123", "room 205"
 * for a roomId), then one after a reference word ("ref 88123"), then any reference-like token
 * ("A-10023") — never an amount ("150 euros") or another noun's number ("phone 0170123456").
 * When the visitor was just asked for the field, a lone token is the answer ("XKCDQZ"); otherwise
 * the answer is refused with the reason, and asked again.
 */
export function extractIdentifier(
  text: MessageText,
  field: Pick<EndpointFieldInfo, 'name' | 'description'>,
  asked: boolean,
): { found?: SlotCandidate; refused?: string } {
  const cues = fieldCues(field);
  const tokens = text.tokens();
  let best: { candidate: SlotCandidate; rank: number } | undefined;
  for (const token of tokens) {
    const rank = ROLE_RANK[tokenRole(text.text, token.index, token.value.length, cues)];
    if (rank >= ROLE_RANK.other || (best && rank >= best.rank)) continue;
    const raw = referenceValue(token.value, rank < ROLE_RANK.plain);
    if (raw) best = { candidate: { raw, index: token.index, length: token.value.length }, rank };
  }
  if (best) return { found: best.candidate };
  const [only] = tokens;
  if (asked && tokens.length === 1 && CAPITAL_CODE.test(only.value)) {
    return { found: { raw: only.value, index: only.index, length: only.value.length } };
  }
  if (!asked) return {};
  const label = fieldLabel({ name: field.name, description: field.description });
  return { refused: `That doesn't look like a valid ${validPhrase(label)}.` };
}
