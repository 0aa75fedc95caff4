import type { MessageText, SlotCandidate } from './message-text.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * An enum value mentioned anywhere, as a whole word and ignoring case ("Large, please" → "large").
 * The longest mentioned option wins, so "extra large" beats "large".
 */
export function extractEnum(text: MessageText, options: readonly string[]): SlotCandidate | undefined {
  let best: SlotCandidate | undefined;
  for (const option of options) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(option)}(?![\\p{L}\\p{N}])`, 'iu');
    const match = pattern.exec(text.text);
    if (match && (!best || option.length > best.raw.length)) {
      best = { raw: option, index: match.index, length: match[0].length };
    }
  }
  return best;
}
