import type { GuardedFetch } from '../../http/guarded-fetch/index.ts';
import { loadAiSdk } from './ai-sdk.ts';

/** Statuses whose Response may not carry a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * The longest Retry-After a visitor waits for: the AI SDK would honour up to 60 s before its one
 * retry, while the visitor looks at a typing indicator. Longer, and the embedded reply answers now.
 */
export const MAX_LLM_RETRY_WAIT_MS = 3_000;

/** Retry-After (seconds or an HTTP date) or Retry-After-Ms, in ms; undefined when absent or unreadable. */
function retryAfterMs(headers: Readonly<Record<string, string>>): number | undefined {
  const ms = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(ms)) return ms;
  const raw = headers['retry-after'];
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : at - Date.now();
}

/**
 * A WHATWG `fetch` for the AI SDK providers that sends every request through the guarded fetch,
 * so a tenant's LLM base URL meets the same SSRF policy, timeout and size cap as its endpoints.
 * Non-streaming only (we call generateText): the guarded fetch reads the whole body.
 */
export function guardedAiFetch(guarded: GuardedFetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response = await guarded({ method: request.method, url: request.url, headers, body });
    const wait = response.status >= 400 ? retryAfterMs(response.headers) : undefined;
    if (wait !== undefined && wait > MAX_LLM_RETRY_WAIT_MS) {
      // Not retryable, so the SDK gives up at once instead of sleeping through the wait.
      const { APICallError } = await loadAiSdk();
      throw new APICallError({
        message: `the provider asks to wait ${Math.ceil(wait / 1000)} s before trying again (rate limit or quota)`,
        url: request.url,
        requestBodyValues: {},
        statusCode: response.status,
        responseHeaders: response.headers,
        isRetryable: false,
      });
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      // The body is already complete and decoded; these would describe the wire, not what we hand over.
      if (name === 'content-length' || name === 'content-encoding' || name === 'transfer-encoding') continue;
      responseHeaders.set(name, value);
    }
    return new Response(NULL_BODY.has(response.status) ? null : new Uint8Array(response.body), {
      status: response.status,
      headers: responseHeaders,
    });
  };
}
