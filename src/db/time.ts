/**
 * Times are stored as fixed-width ISO 8601 text with an explicit offset on both databases,
 * so they sort as strings and come back exactly as the API shows them.
 */
export function toIso(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

let lastMs = Number.NaN;
let lastText = '';

/** The current time as toIso text; computed once per millisecond (a stored message needs it several times). */
export function nowIso(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastText = toIso(new Date(ms));
  }
  return lastText;
}
