import * as chrono from 'chrono-node';
import { parseDateValue } from '../../connections/fields/index.ts';
import type { MessageText, SlotCandidate } from './message-text.ts';

type Parser = { parse: typeof chrono.parse };

/** chrono-node's locale parsers by ISO 639-1 code; English (casual) for anything else. */
const parsers: Record<string, Parser> = {
  de: chrono.de,
  es: chrono.es,
  fr: chrono.fr,
  it: chrono.it,
  ja: chrono.ja,
  nl: chrono.nl,
  pt: chrono.pt,
  ru: chrono.ru,
  sv: chrono.sv,
  uk: chrono.uk,
  zh: chrono.zh,
  fi: chrono.fi,
};

function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A date written as a date ("2025-03-31", "31.03.2025") or in words ("tomorrow", "next week",
 * "next Monday"), normalised to YYYY-MM-DD relative to `now`. Written dates go through the
 * connections' parser first, which refuses ambiguous forms such as 04/05/2025 instead of guessing.
 */
export function extractDate(
  text: MessageText,
  now: Date,
  language: string | null,
): SlotCandidate | undefined {
  for (const token of text.tokens()) {
    if (!/\d/.test(token.value)) continue;
    const parsed = parseDateValue(token.value);
    if (parsed.ok) return { raw: parsed.value, index: token.index, length: token.value.length };
  }
  const parser = (language && parsers[language]) || chrono;
  const found =
    parser.parse(text.text, now, { forwardDate: true })[0] ??
    (parser === chrono ? undefined : chrono.parse(text.text, now, { forwardDate: true })[0]);
  if (!found) return undefined;
  return { raw: isoDate(found.start.date()), index: found.index, length: found.text.length };
}
