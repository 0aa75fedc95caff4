import type { MessageText, SlotCandidate } from './message-text.ts';

/** The first number in the message ("#12", "3.5", "-4"); a leading # is dropped. */
export function extractNumber(text: MessageText): SlotCandidate | undefined {
  const match = /(?<![\p{L}\p{N}.])#?([+-]?\d+(?:\.\d+)?)(?![\p{L}\p{N}])/u.exec(text.text);
  if (!match) return undefined;
  return { raw: match[1], index: match.index, length: match[0].length };
}
