import type { GuardedFetch } from '../../http/guarded-fetch/index.ts';

/** Statuses whose Response may not carry a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

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
