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

/** Day and month both 1–12 in "04/05/2025", "4-5-25" or "04/05": month-first and day-first readings differ. */
const NUMERIC_DATE = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Why "04/05/2025" is refused: it is 4 May in most of the world and April 5 in the US, and a
 * wrong guess books the wrong day. The reason shows the unambiguous ways to write it.
 */
function ambiguityOf(token: string): string | undefined {
  const match = NUMERIC_DATE.exec(token);
  if (!match) return undefined;
  const [first, second] = [Number(match[1]), Number(match[2])];
  if (first === second || first < 1 || second < 1 || first > 12 || second > 12) return undefined;
  const year = match[3] ? (match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3])) : undefined;
  const dayFirst = `${first} ${MONTHS[second - 1]}`;
  const readings = `"${token}" could be ${dayFirst} or ${second} ${MONTHS[first - 1]}.`;
  if (year === undefined) return `${readings} Please write the month as a word, like ${dayFirst}.`;
  const iso = `${year}-${String(second).padStart(2, '0')}-${String(first).padStart(2, '0')}`;
  return `${readings} Please write the date as ${iso} or ${dayFirst} ${year}.`;
}

/**
 * A date written as a date ("2025-03-31", "31.03.2025", "13/05/2025") or in words ("tomorrow",
 * "next week", "next Monday", "4 May"), normalised to YYYY-MM-DD relative to `now`. Written dates
 * go through the connections' parser first, which refuses ambiguous forms; such a date is
 * `refused` with the reason rather than guessed (chrono would read 04/05/2025 as April 5).
 */
export function extractDate(
  text: MessageText,
  now: Date,
  language: string | null,
): { found?: SlotCandidate; refused?: string } {
  let refused: string | undefined;
  for (const token of text.tokens()) {
    if (!/\d/.test(token.value)) continue;
    const parsed = parseDateValue(token.value);
    if (parsed.ok) return { found: { raw: parsed.value, index: token.index, length: token.value.length } };
    refused ??= ambiguityOf(token.value);
  }
  if (refused) return { refused };
  const chrono = loadChrono();
  const parser = (language && parsers[language]) || chrono;
  const found =
    parser.parse(text.text, now, { forwardDate: true })[0] ??
    (parser === chrono ? undefined : chrono.parse(text.text, now, { forwardDate: true })[0]);
  if (!found) return {};
  return { found: { raw: isoDate(found.start.date()), index: found.index, length: found.text.length } };
}
