/**
 * Times are stored as fixed-width ISO 8601 text with an explicit offset on both databases,
 * so they sort as strings and come back exactly as the API shows them.
 */
export function toIso(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

export const nowIso = (): string => toIso(new Date());
