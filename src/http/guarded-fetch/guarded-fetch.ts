import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { type AllowList, emptyAllowList } from './address-policy.ts';
import { followRedirect, isFollowableRedirect } from './follow-redirect.ts';
import { createGuardedConnector } from './guarded-connector.ts';
import { OutboundError } from './outbound-error.ts';
import { prepareRequest, resolveLimit } from './prepare-request.ts';
import { readCappedBody } from './read-capped-body.ts';
import { timeoutError, toOutboundError } from './to-outbound-error.ts';

export interface GuardedRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Lowers, never raises, the instance's timeout (PARLEY_OUTBOUND_TIMEOUT_MS is a ceiling). */
  timeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
}

export interface GuardedResponse {
  status: number;
  /** Lowercase names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The final URL, after redirects. */
  url: string;
  redirects: number;
  durationMs: number;
}

export type GuardedFetch = (req: GuardedRequest) => Promise<GuardedResponse>;

export interface GuardedFetchOptions {
  allow?: AllowList;
  /** Default and ceiling of every call; default 5000. */
  timeoutMs?: number;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Default 3. */
  maxRedirects?: number;
  /** Default `dns.lookup`; injectable so tests resolve names without patching globals. */
  lookup?: LookupFunction;
  userAgent?: string;
}

/**
 * The single outbound HTTP path: every call to a tenant-configured URL goes
 * through the function this returns. Addresses are checked where the socket
 * is opened (see guarded-connector.ts), so DNS names, redirects and every
 * encoding of an address meet the same policy. Failures reject with an
 * OutboundError. One keep-alive agent per instance; call `close()` on shutdown.
 *
 * @example
 * const guardedFetch = createGuardedFetch({ allow: parseAllowList(env.PARLEY_OUTBOUND_ALLOW ?? '') });
 * const res = await guardedFetch({ method: 'GET', url: 'https://api.example.com/orders/4521' });
 */
export function createGuardedFetch(
  options: GuardedFetchOptions = {},
): GuardedFetch & { close(): Promise<void> } {
  const timeoutCeiling = resolveLimit(options.timeoutMs, 5000, 'timeoutMs', 1);
  const defaultMaxBodyBytes = resolveLimit(options.maxBodyBytes, 1024 * 1024, 'maxBodyBytes');
  const defaultMaxRedirects = resolveLimit(options.maxRedirects, 3, 'maxRedirects');
  const userAgent = options.userAgent ?? 'Parley';
  const connect = createGuardedConnector({
    allow: options.allow ?? emptyAllowList,
    lookup: options.lookup ?? (dnsLookup as LookupFunction),
    connectTimeoutMs: timeoutCeiling,
  });
  const agent = new Agent({ connect });

  async function guardedFetch(req: GuardedRequest): Promise<GuardedResponse> {
    const started = performance.now();
    let hop = prepareRequest(req, userAgent);
    const timeoutMs = Math.min(resolveLimit(req.timeoutMs, timeoutCeiling, 'timeoutMs', 1), timeoutCeiling);
    const maxBodyBytes = resolveLimit(req.maxBodyBytes, defaultMaxBodyBytes, 'maxBodyBytes');
    const maxRedirects = resolveLimit(req.maxRedirects, defaultMaxRedirects, 'maxRedirects');
    // One deadline for DNS, connect, headers and body together; undici's own
    // defaults (10 s connect, 300 s headers and body) are far above it.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(timeoutError(timeoutMs)), timeoutMs);
    try {
      for (let redirects = 0; ; redirects++) {
        const res = await agent.request({
          origin: hop.url.origin,
          path: hop.url.pathname + hop.url.search,
          method: hop.method as Dispatcher.HttpMethod,
          headers: hop.headers,
          body: hop.body,
          signal: deadline.signal,
        });
        const location = firstValue(res.headers.location);
        if (isFollowableRedirect(res.statusCode, location)) {
          await res.body.dump({ limit: 64 * 1024, signal: deadline.signal });
          if (redirects >= maxRedirects) {
            throw new OutboundError(
              'TOO_MANY_REDIRECTS',
              maxRedirects === 0
                ? `answered with a redirect (to ${location.slice(0, 200)}), which is not followed here`
                : `more than ${maxRedirects} redirects (the last one to ${location.slice(0, 200)})`,
            );
          }
          hop = followRedirect(hop, res.statusCode, location);
          continue;
        }
        // A HEAD response declares the length of a body it does not carry (RFC 9110 §9.3.2).
        const declared = hop.method === 'HEAD' ? undefined : firstValue(res.headers['content-length']);
        const body = await readCappedBody(res.body, maxBodyBytes, declared);
        return {
          status: res.statusCode,
          headers: flattenHeaders(res.headers),
          body,
          url: hop.url.href,
          redirects,
          durationMs: performance.now() - started,
        };
      }
    } catch (err) {
      if (err instanceof OutboundError) throw err;
      if (deadline.signal.aborted) throw deadline.signal.reason;
      throw toOutboundError(err, hop.url, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  return Object.assign(guardedFetch, { close: () => agent.close() });
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
