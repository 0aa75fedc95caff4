import { type GuardedFetch, isOutboundError } from '../http/guarded-fetch/index.ts';
import { signWebhook } from './sign-webhook.ts';

export interface AttemptOutcome {
  ok: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
}

export interface DeliveryTarget {
  url: string;
  secrets: readonly string[];
}

export const DELIVERY_TIMEOUT_MS = 5000;

/**
 * One attempt: POST the frozen body, signed now, through the guarded fetch (which checks the
 * address it connects to). Any 2xx is success; redirects are not followed (a receiver that moved
 * must be reconfigured, and the signature is not re-sent to another place). Never throws.
 */
export async function sendDelivery(
  fetch: GuardedFetch,
  target: DeliveryTarget,
  delivery: { id: string; payload: string },
  timeoutMs: number = DELIVERY_TIMEOUT_MS,
  now: () => number = Date.now,
): Promise<AttemptOutcome> {
  const started = performance.now();
  // webhook-timestamp is the attempt's time, so receivers' replay windows work on retries too.
  const headers = signWebhook(target.secrets, delivery.id, Math.floor(now() / 1000), delivery.payload);
  try {
    const res = await fetch({
      method: 'POST',
      url: target.url,
      headers: { ...headers },
      body: delivery.payload,
      timeoutMs,
      maxRedirects: 0,
    });
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      responseStatus: res.status,
      durationMs: Math.round(res.durationMs),
      error: ok ? null : `the receiver answered HTTP ${res.status}`,
    };
  } catch (err) {
    const message = !isOutboundError(err)
      ? String((err as Error)?.message ?? err)
      : err.code === 'TOO_MANY_REDIRECTS'
        ? 'the receiver answered with a redirect; webhooks do not follow redirects, update the URL instead'
        : err.message;
    return {
      ok: false,
      responseStatus: null,
      durationMs: Math.round(performance.now() - started),
      error: message,
    };
  }
}
