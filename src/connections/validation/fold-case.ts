/**
 * Case-insensitive comparison key: NFC-normalised (so "é" typed as e + U+0301
 * equals the precomposed "é"), trimmed, and folded by upper- then lower-casing,
 * which also matches "ß" with "SS" and ligatures like "ﬁ" with "fi".
 * Locale-independent on purpose: the server's locale must not change results.
 */
export function foldCase(text: string): string {
  return text.normalize('NFC').trim().toUpperCase().toLowerCase();
}
