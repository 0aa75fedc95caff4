import crypto from 'node:crypto';

/**
 * The value a host page's server computes for `Parley.identify({userHash})`:
 * HMAC-SHA256(identitySecret, userId) as lowercase hex (the same scheme as Intercom/Crisp).
 */
export function computeUserHash(identitySecret: string, userId: string): string {
  return crypto.createHmac('sha256', identitySecret).update(userId, 'utf8').digest('hex');
}

/** Constant-time check of a claimed hash; any malformed hash is simply "not equal". */
export function userHashMatches(identitySecret: string, userId: string, claimed: string): boolean {
  const expected = Buffer.from(computeUserHash(identitySecret, userId), 'hex');
  const given = /^[0-9a-fA-F]{64}$/.test(claimed) ? Buffer.from(claimed, 'hex') : Buffer.alloc(0);
  // Compare equal-length buffers always, so the timing says nothing about the claimed value.
  const same = crypto.timingSafeEqual(expected, given.length === expected.length ? given : Buffer.alloc(32));
  return same && given.length === expected.length;
}
