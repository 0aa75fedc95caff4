import type { GuardedFetch } from '../http/guarded-fetch/index.ts';
import { isOutboundError } from '../http/guarded-fetch/index.ts';

/**
 * How an outbound call ended, a bounded set fit for a metric label: `ok` (a 1xx–3xx answer),
 * `http_4xx` / `http_5xx` (the remote answered with an error), the OutboundError codes in lower
 * case (`blocked`, `timeout`, `network`, …) and `error` for anything else.
 */
export type OutboundOutcome = string;

export function outboundOutcomeOf(result: { status: number } | { error: unknown }): OutboundOutcome {
  if ('status' in result) {
    if (result.status >= 500) return 'http_5xx';
    if (result.status >= 400) return 'http_4xx';
    return 'ok';
  }
  return isOutboundError(result.error) ? result.error.code.toLowerCase() : 'error';
}

export interface OutboundCallCounts {
  /** Calls by outcome since the process started. */
  snapshot(): ReadonlyMap<OutboundOutcome, number>;
}

/** Wraps the guarded fetch so every call through it is counted by outcome (for /metrics). */
export function countOutboundCalls<F extends GuardedFetch>(
  fetch: F,
): { fetch: F; counts: OutboundCallCounts } {
  const counts = new Map<OutboundOutcome, number>();
  const count = (outcome: OutboundOutcome) => counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const counted = Object.assign(async (req: Parameters<GuardedFetch>[0]) => {
    try {
      const response = await fetch(req);
      count(outboundOutcomeOf(response));
      return response;
    } catch (error) {
      count(outboundOutcomeOf({ error }));
      throw error;
    }
  }, fetch) as F;
  return { fetch: counted, counts: { snapshot: () => counts } };
}
