import { checkFieldValue, type FieldRule } from '../../connections/fields/index.ts';
import type { MessageText, SlotCandidate } from './message-text.ts';

/**
 * A token that satisfies the field's pattern: "#4521" → "4521" for `^[0-9]{3,10}$`. People write
 * a # before order and ticket numbers, so a leading # is tried both with and without.
 * Returns the first token that passes; `rejected` is a token that looked meant for the field
 * (it had a #) but failed, so the caller can say why.
 */
export function extractPatternString(
  text: MessageText,
  field: FieldRule,
): { found?: SlotCandidate; rejected?: SlotCandidate } {
  let rejected: SlotCandidate | undefined;
  for (const token of text.tokens()) {
    const variants = token.value.startsWith('#') ? [token.value.slice(1), token.value] : [token.value];
    for (const raw of variants) {
      if (raw && checkFieldValue(field, raw).ok)
        return { found: { raw, index: token.index, length: token.value.length } };
    }
    if (!rejected && token.value.startsWith('#') && token.value.length > 1) {
      rejected = { raw: token.value.slice(1), index: token.index, length: token.value.length };
    }
  }
  return { rejected };
}
