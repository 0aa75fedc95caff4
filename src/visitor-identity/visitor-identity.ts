import { userHashMatches } from './user-hash.ts';

/** Session variables only a verified identity may set; rules, mappings and the AI must never write them. */
export const VISITOR_VARIABLE_PREFIX = 'visitor.';

export const isReservedVisitorVariable = (name: string): boolean =>
  name.toLowerCase().startsWith(VISITOR_VARIABLE_PREFIX);

/** What a widget's visitor claims when starting a conversation (SPEC §5 body plus `userHash`). */
export interface ClaimedIdentity {
  visitorId?: string;
  visitorEmail?: string;
  visitorName?: string;
  userHash?: string;
}

export type IdentityCheck =
  | { ok: true; verified: false }
  | { ok: true; verified: true; variables: Record<string, string> }
  | { ok: false; reason: 'hash_mismatch' | 'hash_required' };

/**
 * Decides what a claimed identity is worth. With the widget's identity secret, a claimed
 * `visitorId` must come with a valid `userHash` (otherwise anyone could pose as any user); the
 * verified values become the read-only `visitor.*` variables. Without a secret nothing is verified.
 */
export function checkVisitorIdentity(identitySecret: string | null, claim: ClaimedIdentity): IdentityCheck {
  if (!identitySecret || !claim.visitorId) return { ok: true, verified: false };
  if (!claim.userHash) return { ok: false, reason: 'hash_required' };
  if (!userHashMatches(identitySecret, claim.visitorId, claim.userHash))
    return { ok: false, reason: 'hash_mismatch' };
  const variables: Record<string, string> = { 'visitor.id': claim.visitorId, 'visitor.verified': 'true' };
  if (claim.visitorEmail) variables['visitor.email'] = claim.visitorEmail;
  if (claim.visitorName) variables['visitor.name'] = claim.visitorName;
  return { ok: true, verified: true, variables };
}

/** Drops `visitor.*` keys from a variables patch coming from anywhere but identity verification. */
export function withoutReservedVariables<T>(patch: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(patch).filter(([name]) => !isReservedVisitorVariable(name)));
}

export const identityFailureMessage: Record<Extract<IdentityCheck, { ok: false }>['reason'], string> = {
  hash_mismatch: 'Identity verification failed: userHash does not match visitorId.',
  hash_required: 'This widget verifies identities: send userHash = HMAC-SHA256(identitySecret, visitorId).',
};
