/** "14:30" today, "11 Apr 14:30" this year, otherwise with the year. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const now = new Date();
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === now.toDateString()) return time;
  const day = date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return `${day} ${time}`;
}

export function formatNumber(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toLocaleString() : '—';
}

/** Short, readable form of a UUID for tables. */
export const shortId = (id: string | null | undefined) => (id ? id.slice(-8) : '—');

/**
 * A call error without its code said twice: the call log stores `${code}: ${message}`, and some
 * messages already start with the code ("BLOCKED: blocked: 10.0.0.5 is private…").
 */
export function callErrorText(text: string): string {
  const match = /^([A-Z][A-Z_]*): ([\s\S]*)$/.exec(text);
  if (!match) return text;
  const [, code, message] = match;
  return message.toLowerCase().startsWith(code.toLowerCase().replace(/_/g, ' ')) ? message : text;
}
