export type DateParseResult = { ok: true; value: string } | { ok: false };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const DAY_FIRST_DOTS = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;

/**
 * Normalises a visitor's date to `YYYY-MM-DD`:
 * - ISO dates and date-times keep the date as written (no timezone shift);
 * - `2025/03/31`, and `31.03.2025` (dots are day-first everywhere they're used);
 * - `03/31/2025` or `31/03/2025` when only one reading is a valid date —
 *   `04/05/2025` is ambiguous and refused rather than guessed;
 * - month-name forms with a 4-digit year ("March 5, 2025", "5 Mar 2025").
 *   Without a year V8 silently picks 2001, so a year is required.
 */
export function parseDateValue(text: string): DateParseResult {
  const iso = ISO_DATE.exec(text);
  if (iso) {
    if (text.length > 10 && Number.isNaN(Date.parse(text))) return { ok: false };
    return calendarDate(+iso[1], +iso[2], +iso[3]);
  }
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return calendarDate(+yearFirst[1], +yearFirst[2], +yearFirst[3]);
  const dots = DAY_FIRST_DOTS.exec(text);
  if (dots) return calendarDate(+dots[3], +dots[2], +dots[1]);
  const slashed = SLASHED.exec(text);
  if (slashed) return unambiguous(+slashed[1], +slashed[2], +slashed[3]);
  if (/\p{L}/u.test(text) && /\b\d{4}\b/.test(text)) {
    const parsed = new Date(text);
    if (Number.isNaN(parsed.getTime())) return { ok: false };
    // Without an offset V8 reads these as local time, so local getters give the date as written.
    return calendarDate(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate());
  }
  return { ok: false };
}

function unambiguous(first: number, second: number, year: number): DateParseResult {
  const monthFirst = calendarDate(year, first, second);
  const dayFirst = calendarDate(year, second, first);
  if (monthFirst.ok && dayFirst.ok) return monthFirst.value === dayFirst.value ? monthFirst : { ok: false };
  return monthFirst.ok ? monthFirst : dayFirst;
}

function calendarDate(year: number, month: number, day: number): DateParseResult {
  if (year < 1 || month < 1 || month > 12 || day < 1) return { ok: false };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return { ok: false };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return { ok: true, value: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}
