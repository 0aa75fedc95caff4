import type { OutboundErrorCode } from '../http/guarded-fetch/outbound-error.ts';
import { isOutboundError } from '../http/guarded-fetch/outbound-error.ts';

/**
 * Why an endpoint call did not produce usable data. `message` is for the tenant
 * admin (test buttons, call logs); `publicMessage` is all a visitor or an AI
 * model may see.
 */
export type CallErrorCode =
  | OutboundErrorCode
  | 'NOT_FOUND'
  | 'MISSING_VARIABLES'
  | 'INVALID_VARIABLES'
  | 'UPSTREAM_ERROR'
  | 'HTTP_ERROR'
  | 'INVALID_RESPONSE'
  | 'VALIDATION_FAILED';

export interface CallError {
  code: CallErrorCode;
  message: string;
  publicMessage: string;
}

export const UNAVAILABLE = 'The external service is not available right now. Please try again later.';

/**
 * What a visitor or model may learn from an HTTP error: whether the details given were not found
 * or not accepted (they can correct them) or the service is down (they can only retry) — never
 * the response itself. 401/403 are the shop's own credentials: to the visitor, an outage.
 */
export function httpErrorPublicMessage(status: number): string {
  if (status === 404 || status === 410) {
    return 'Nothing was found for those details. Please check them and try again.';
  }
  if (isRejectedDetails(status)) {
    return 'The service could not accept those details. Please check them and try again.';
  }
  if (status === 429) return 'The service is busy right now. Please try again in a moment.';
  return UNAVAILABLE;
}

/** Statuses that answer about the details given (a visitor can correct them), not about an outage. */
export const isAboutDetails = (status: number | null | undefined): boolean =>
  status === 404 || status === 410 || isRejectedDetails(status);

const isRejectedDetails = (status: number | null | undefined): boolean =>
  status === 400 || status === 409 || status === 422;

export function callError(code: CallErrorCode, message: string, publicMessage = UNAVAILABLE): CallError {
  return { code, message, publicMessage };
}

/** An OutboundError as a value; anything else is a bug and is rethrown. */
export function callErrorFrom(err: unknown): CallError {
  if (isOutboundError(err)) return { code: err.code, message: err.message, publicMessage: err.publicMessage };
  throw err;
}
