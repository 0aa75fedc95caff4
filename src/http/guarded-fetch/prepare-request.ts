import { clientControlledHeaders, headerNamePattern, invalidHeaderValueChar } from '../header-rules.ts';
import type { GuardedRequest } from './guarded-fetch.ts';
import { OutboundError } from './outbound-error.ts';

/** One request as it goes on the wire; a redirect produces the next one. */
export interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
}

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Validates a caller's request up front, so bad input is an INVALID_* error and never a TypeError from undici. */
export function prepareRequest(req: GuardedRequest, userAgent: string): Hop {
  if (typeof req !== 'object' || req === null) throw invalid('the request must be an object');
  const url = parseUrl(req.url);
  const method = typeof req.method === 'string' ? req.method.toUpperCase() : '';
  if (!methods.has(method)) throw invalid(`method must be one of ${[...methods].join(', ')}`);
  const body = req.body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw invalid('body must be a string or a Uint8Array');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (!headerNamePattern.test(name))
      throw invalid(`header name "${name.slice(0, 60)}" is not a valid HTTP token`);
    if (typeof value !== 'string') throw invalid(`header "${name}" must be a string`);
    const bad = invalidHeaderValueChar.exec(value)?.[0];
    if (bad !== undefined) {
      throw invalid(
        bad.charCodeAt(0) < 0x80
          ? `header "${name}" contains a CR, LF, NUL or other control character`
          : `header "${name}" contains "${bad}", which cannot be sent in an HTTP header (only Latin-1 characters can)`,
      );
    }
    const lower = name.toLowerCase();
    if (clientControlledHeaders.has(lower))
      throw invalid(`header "${name}" is set by the HTTP client and cannot be overridden`);
    headers[lower] = value;
  }
  headers['user-agent'] ??= userAgent;
  return { url, method, headers, body };
}

/** Parses an absolute http(s) URL, throwing INVALID_URL otherwise. */
export function parseUrl(raw: unknown, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw as string, base);
  } catch {
    const shown = typeof raw === 'string' ? `"${raw.slice(0, 200)}"` : 'the URL';
    throw new OutboundError('INVALID_URL', `${shown} is not a valid absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('INVALID_URL', `only http: and https: URLs can be called, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new OutboundError('INVALID_URL', 'credentials in the URL are not sent; put them in an auth header');
  }
  if (url.hash !== '') url.hash = ''; // the setter re-serialises the URL: skip it on the hot path
  return url;
}

/** A per-request limit: a non-negative integer (or positive, for timeouts), or the instance default. */
export function resolveLimit(value: unknown, fallback: number, name: string, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalid(`${name} must be an integer of at least ${min}`);
  }
  return value;
}

function invalid(message: string): OutboundError {
  return new OutboundError('INVALID_REQUEST', message);
}
