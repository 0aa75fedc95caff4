export const outboundErrorCodes = [
  'BLOCKED',
  'TIMEOUT',
  'TOO_LARGE',
  'TOO_MANY_REDIRECTS',
  'NETWORK',
  'INVALID_URL',
  'INVALID_REQUEST',
] as const;

export type OutboundErrorCode = (typeof outboundErrorCodes)[number];

// What a visitor may see. The wording never contains an address or a port, and
// "blocked" reads the same as "unreachable" so that a visitor cannot tell an
// internal host that exists from one that does not (SECURITY-NOTES, Errors).
const publicMessages: Record<OutboundErrorCode, string> = {
  BLOCKED: 'The external service could not be reached.',
  NETWORK: 'The external service could not be reached.',
  TOO_MANY_REDIRECTS: 'The external service could not be reached.',
  INVALID_URL: 'The external service is not configured correctly.',
  INVALID_REQUEST: 'The external service is not configured correctly.',
  TIMEOUT: 'The external service did not answer in time.',
  TOO_LARGE: 'The external service sent a response that was too large.',
};

/**
 * The one error type of the outbound HTTP path. `message` is for the tenant
 * (the admin who configured the URL): it says why and what to do, and may name
 * addresses. `publicMessage` is safe to show to a visitor.
 *
 * @example
 * try { await guardedFetch({ method: 'GET', url }) }
 * catch (err) { if (err instanceof OutboundError && err.code === 'TIMEOUT') … }
 */
export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  readonly publicMessage: string;

  constructor(code: OutboundErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutboundError';
    this.code = code;
    this.publicMessage = publicMessages[code];
  }
}

export function isOutboundError(value: unknown): value is OutboundError {
  return value instanceof OutboundError;
}

/** The message for an address the policy refused, naming the setting that can open it. */
export function blockedError(reason: string): OutboundError {
  return new OutboundError(
    'BLOCKED',
    `blocked: ${reason}; an operator can allow it with PARLEY_OUTBOUND_ALLOW`,
  );
}
