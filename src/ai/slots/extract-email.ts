import type { MessageText, SlotCandidate } from './message-text.ts';

const EMAIL_LIKE = /[^\s@<>(),;:"'[\]]+@[^\s@<>(),;:"'[\]]+\.\p{L}{2,63}/u;

/** The first thing shaped like an email address ("john@shop.com" in "it's john@shop.com."). */
export function extractEmail(text: MessageText): SlotCandidate | undefined {
  const match = EMAIL_LIKE.exec(text.text);
  if (!match) return undefined;
  const raw = match[0].replace(/[.]+$/, '');
  return { raw, index: match.index, length: raw.length };
}
