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

export function callError(code: CallErrorCode, message: string, publicMessage = UNAVAILABLE): CallError {
  return { code, message, publicMessage };
}

/** An OutboundError as a value; anything else is a bug and is rethrown. */
export function callErrorFrom(err: unknown): CallError {
  if (isOutboundError(err)) return { code: err.code, message: err.message, publicMessage: err.publicMessage };
  throw err;
}
