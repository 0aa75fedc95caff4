import crypto from 'node:crypto';

/**
 * Whether `Authorization: Bearer <token>` carries `expected`; the scheme is case-insensitive
 * (RFC 7235 §2.1). Hashing first gives timingSafeEqual equal lengths, so neither the token nor its
 * length leaks through timing.
 */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const presented = /^bearer\s+(.*)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
  if (!presented) return false;
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}
