import { OutboundError } from './outbound-error.ts';
import { type Hop, parseUrl } from './prepare-request.ts';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

// Caller headers that carry no credentials. On a redirect to another origin
// every other header is dropped: undici's own redirect handling strips only
// Authorization and Cookie and would forward X-Api-Key and the like.
const crossOriginSafeHeaders = new Set(['accept', 'accept-language', 'content-type', 'user-agent']);

// Fetch standard, "request-body-header name": meaningless once the body is gone.
const bodyHeaders = ['content-type', 'content-encoding', 'content-language', 'content-location'];

/** Whether a response asks to be followed: a redirect status with a Location. */
export function isFollowableRedirect(status: number, location: string | undefined): location is string {
  return redirectStatuses.has(status) && location !== undefined && location !== '';
}

/**
 * The request to send after a redirect. 303 turns into GET without a body
 * (RFC 9110 §15.4.4), and so do 301/302 after a POST, as every browser and
 * the Fetch standard do (RFC 9110 §15.4.2 note); 307/308 repeat the request.
 */
export function followRedirect(current: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = parseUrl(location, current.url);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new OutboundError('INVALID_URL', `the server redirected to an unusable location: ${why}`, {
      cause: err,
    });
  }
  const headers = { ...current.headers };
  let { method, body } = current;
  const toGet =
    status === 303
      ? method !== 'GET' && method !== 'HEAD'
      : (status === 301 || status === 302) && method === 'POST';
  if (toGet) {
    method = 'GET';
    body = undefined;
    for (const name of bodyHeaders) delete headers[name];
  }
  if (url.origin !== current.url.origin) {
    for (const name of Object.keys(headers)) {
      if (!crossOriginSafeHeaders.has(name)) delete headers[name];
    }
  }
  return { url, method, headers, body };
}
