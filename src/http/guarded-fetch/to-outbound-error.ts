import { OutboundError } from './outbound-error.ts';

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const invalidRequestCodes = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
]);
const resolveCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const closedCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

/** The deadline's abort reason: one message whichever phase (DNS, connect, headers, body) ran out of time. */
export function timeoutError(timeoutMs: number): OutboundError {
  return new OutboundError(
    'TIMEOUT',
    `timed out after ${timeoutMs} ms (an endpoint's timeoutMs, at most PARLEY_OUTBOUND_TIMEOUT_MS)`,
  );
}

/** Maps whatever undici or Node threw to an OutboundError; never lets a raw TypeError escape. */
export function toOutboundError(err: unknown, url: URL, timeoutMs: number): OutboundError {
  if (err instanceof OutboundError) return err;
  const code = typeof err === 'object' && err !== null ? String((err as { code?: unknown }).code) : '';
  const detail = err instanceof Error ? err.message : String(err);
  const host = url.host;
  if (timeoutCodes.has(code) || (err instanceof Error && err.name === 'TimeoutError')) {
    return timeoutError(timeoutMs);
  }
  const fail = (outboundCode: 'NETWORK' | 'INVALID_REQUEST', message: string) =>
    new OutboundError(outboundCode, message, { cause: err });
  if (invalidRequestCodes.has(code))
    return fail('INVALID_REQUEST', `the request was rejected before sending: ${detail}`);
  if (resolveCodes.has(code))
    return fail('NETWORK', `could not resolve ${url.hostname}; check the host name`);
  if (code === 'ECONNREFUSED')
    return fail('NETWORK', `${host} refused the connection; is the service running?`);
  if (closedCodes.has(code))
    return fail('NETWORK', `${host} closed the connection before the response was complete`);
  if (code.startsWith('ERR_TLS') || code.includes('CERT'))
    return fail('NETWORK', `TLS with ${host} failed: ${detail}`);
  return fail('NETWORK', `request to ${host} failed: ${detail}`);
}
