import type { MessageText, SlotCandidate } from './message-text.ts';
import { type FieldCues, ROLE_RANK, tokenRole } from './token-role.ts';

const NUMBER = /(?<![\p{L}\p{N}.])#?([+-]?\d+(?:\.\d+)?)(?![\p{L}\p{N}])/gu;

/**
 * A number in the message ("#12", "3.5", "-4"; a leading # is dropped): the one the field's own
 * words introduce, else the first — but never an amount ("150 euros", unless the field is about
 * money) or another noun's number ("room 12" is not a guest count). See tokenRole.
 */
export function extractNumber(text: MessageText, cues: FieldCues): SlotCandidate | undefined {
  let best: { candidate: SlotCandidate; rank: number } | undefined;
  for (const match of text.text.matchAll(NUMBER)) {
    const rank = ROLE_RANK[tokenRole(text.text, match.index, match[0].length, cues)];
    if (rank < ROLE_RANK.other && (!best || rank < best.rank)) {
      best = { candidate: { raw: match[1], index: match.index, length: match[0].length }, rank };
    }
  }
  return best?.candidate;
}
