import { checkFieldValue, type FieldRule } from '../../connections/fields/index.ts';
import type { MessageText, SlotCandidate } from './message-text.ts';
import { type FieldCues, fieldCues, ROLE_RANK, tokenRole } from './token-role.ts';

/**
 * A token that satisfies the field's pattern: "#4521" → "4521" for `^[0-9]{3,10}$`. People write
 * a # before order and ticket numbers, so a leading # is tried both with and without.
 * Of the tokens that pass, the one the field's own words introduce wins ("order 4521" over
 * "150 euros" and "phone 0170123456", which are never taken — see tokenRole).
 * `rejected` is a token that looked meant for the field (it had a #) but failed, so the caller
 * can say why.
 */
export function extractPatternString(
  text: MessageText,
  field: FieldRule,
  cues: FieldCues = fieldCues({ name: field.name, description: field.description ?? '' }),
): { found?: SlotCandidate; rejected?: SlotCandidate } {
  let rejected: SlotCandidate | undefined;
  let best: { candidate: SlotCandidate; rank: number } | undefined;
  for (const token of text.tokens()) {
    const variants = token.value.startsWith('#') ? [token.value.slice(1), token.value] : [token.value];
    const raw = variants.find((variant) => variant && checkFieldValue(field, variant).ok);
    if (raw) {
      const rank = ROLE_RANK[tokenRole(text.text, token.index, token.value.length, cues)];
      if (rank < ROLE_RANK.other && (!best || rank < best.rank)) {
        best = { candidate: { raw, index: token.index, length: token.value.length }, rank };
      }
    } else if (!rejected && token.value.startsWith('#') && token.value.length > 1) {
      rejected = { raw: token.value.slice(1), index: token.index, length: token.value.length };
    }
  }
  return best ? { found: best.candidate } : { rejected };
}
