import { describe, expect, it } from 'vitest';
import { computeUserHash, userHashMatches } from './user-hash.ts';
import {
  checkVisitorIdentity,
  isReservedVisitorVariable,
  withoutReservedVariables,
} from './visitor-identity.ts';

const secret = 'whsec_0123456789abcdef0123456789';

describe('visitor identity verification', () => {
  it('computes HMAC-SHA256(secret, userId) as hex, as documented for host pages', () => {
    // The well-known HMAC-SHA256 test vector (key "key").
    expect(computeUserHash('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    expect(userHashMatches(secret, 'user-42', computeUserHash(secret, 'user-42'))).toBe(true);
    expect(userHashMatches(secret, 'user-42', computeUserHash(secret, 'user-42').toUpperCase())).toBe(true);
  });

  it('rejects a wrong, truncated or malformed hash', () => {
    const good = computeUserHash(secret, 'user-42');
    expect(userHashMatches(secret, 'user-43', good)).toBe(false);
    expect(userHashMatches('another-secret-value', 'user-42', good)).toBe(false);
    expect(userHashMatches(secret, 'user-42', good.slice(0, 62))).toBe(false);
    expect(userHashMatches(secret, 'user-42', `${good.slice(0, 63)}z`)).toBe(false);
    expect(userHashMatches(secret, 'user-42', '')).toBe(false);
  });

  it('turns a verified identity into visitor.* variables', () => {
    const claim = { visitorId: 'user-42', visitorEmail: 'jane@example.com', visitorName: 'Jane' };
    expect(checkVisitorIdentity(secret, { ...claim, userHash: computeUserHash(secret, 'user-42') })).toEqual({
      ok: true,
      verified: true,
      variables: {
        'visitor.id': 'user-42',
        'visitor.email': 'jane@example.com',
        'visitor.name': 'Jane',
        'visitor.verified': 'true',
      },
    });
  });

  it('never verifies without a secret, and with one demands a valid hash for a claimed id', () => {
    const hash = computeUserHash(secret, 'user-42');
    expect(checkVisitorIdentity(null, { visitorId: 'user-42', userHash: hash })).toEqual({
      ok: true,
      verified: false,
    });
    expect(checkVisitorIdentity(secret, {})).toEqual({ ok: true, verified: false });
    expect(checkVisitorIdentity(secret, { visitorId: 'user-42' })).toEqual({
      ok: false,
      reason: 'hash_required',
    });
    expect(checkVisitorIdentity(secret, { visitorId: 'user-1', userHash: hash })).toEqual({
      ok: false,
      reason: 'hash_mismatch',
    });
  });

  it('marks visitor.* as reserved for every writer but identity verification', () => {
    expect(isReservedVisitorVariable('visitor.email')).toBe(true);
    expect(isReservedVisitorVariable('Visitor.Verified')).toBe(true);
    expect(isReservedVisitorVariable('visitor_email')).toBe(false);
    expect(withoutReservedVariables({ 'visitor.id': 'x', order_status: 'shipped' })).toEqual({
      order_status: 'shipped',
    });
  });
});
