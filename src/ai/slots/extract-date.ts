import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import { parseDateValue } from '../../connections/fields/index.ts';
import type { MessageText, SlotCandidate } from './message-text.ts';

type Parser = { parse: typeof Chrono.parse };

const require = createRequire(import.meta.url);
let chronoModule: typeof Chrono | undefined;
let parsers: Record<string, Parser> = {};

/**
 * chrono-node (~9 MB of memory with its locales) is required on the first date slot rather than at
 * start-up; its locale parsers by ISO 639-1 code, English (casual) for anything else.
 */
function loadChrono(): typeof Chrono {
  if (chronoModule) return chronoModule;
  const chrono = require('chrono-node') as typeof Chrono;
  const { de, es, fr, it, ja, nl, pt, ru, sv, uk, zh, fi } = chrono;
  parsers = { de, es, fr, it, ja, nl, pt, ru, sv, uk, zh, fi };
  chronoModule = chrono;
  return chrono;
}

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
  const chrono = loadChrono();
  const parser = (language && parsers[language]) || chrono;
  const found =
    parser.parse(text.text, now, { forwardDate: true })[0] ??
    (parser === chrono ? undefined : chrono.parse(text.text, now, { forwardDate: true })[0]);
  if (!found) return undefined;
  return { raw: isoDate(found.start.date()), index: found.index, length: found.text.length };
}
