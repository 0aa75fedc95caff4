// The public surface of the outbound HTTP path; import from here.
export {
  type AddressVerdict,
  type AllowList,
  classifyAddress,
  emptyAllowList,
  parseAllowList,
} from './address-policy.ts';
export {
  createGuardedFetch,
  type GuardedFetch,
  type GuardedFetchOptions,
  type GuardedRequest,
  type GuardedResponse,
} from './guarded-fetch.ts';
export { isOutboundError, OutboundError, type OutboundErrorCode } from './outbound-error.ts';
