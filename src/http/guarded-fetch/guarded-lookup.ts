import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { type AllowList, classifyAddress } from './address-policy.ts';
import { blockedError, OutboundError } from './outbound-error.ts';

/**
 * Wraps a resolver so that a name is only ever connected to through addresses
 * that passed the policy: it asks for every answer, refuses the whole name if
 * any answer is blocked (a name mixing public and internal answers is a
 * rebinding attempt), and hands on exactly the checked list. The socket then
 * connects to what was checked; there is no second resolution.
 */
export function createGuardedLookup(lookup: LookupFunction, allow: AllowList, port: number): LookupFunction {
  return function guardedLookup(hostname, options, callback) {
    lookup(hostname, { ...options, all: true }, (err, answer, family) => {
      if (err) {
        callback(err, '');
        return;
      }
      const addresses = normalizeAnswer(answer, family);
      if (addresses.length === 0) {
        callback(new OutboundError('NETWORK', `could not resolve ${hostname}: no addresses`), '');
        return;
      }
      for (const { address } of addresses) {
        const verdict = classifyAddress(address, port, allow, hostname);
        if (!verdict.allowed) {
          callback(blockedError(`${verdict.reason} (resolved from ${hostname})`), '');
          return;
        }
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

// Resolvers answer `(err, address, family)` without `all` and `(err, addresses[])`
// with it; an injected one may use either shape whatever it was asked for.
function normalizeAnswer(
  answer: string | LookupAddress[] | undefined,
  family: number | undefined,
): LookupAddress[] {
  if (Array.isArray(answer)) {
    return answer.map((a) => ({ address: a.address, family: a.family || isIP(a.address) }));
  }
  if (typeof answer === 'string' && answer !== '') {
    return [{ address: answer, family: family || isIP(answer) }];
  }
  return [];
}
