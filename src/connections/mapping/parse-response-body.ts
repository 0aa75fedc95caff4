import { parseJsonPreservingBigInts } from './parse-json-preserving-big-ints.ts';

export type ParseResponseBodyResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Decodes (UTF-8, BOM dropped) and parses an upstream response body as JSON,
 * keeping big integers exact. The content-type is only used in the error
 * message: many APIs send JSON as text/plain, so the body itself decides.
 */
export function parseResponseBody(
  body: string | Uint8Array,
  contentType: string | undefined,
): ParseResponseBodyResult {
  const text = typeof body === 'string' ? body.replace(/^\uFEFF/, '') : new TextDecoder('utf-8').decode(body);
  if (text.trim() === '') {
    return { ok: false, error: 'The response body is empty; response mapping needs a JSON body' };
  }
  try {
    return { ok: true, value: parseJsonPreservingBigInts(text) };
  } catch {
    const type = contentType?.split(';')[0].trim().toLowerCase();
    const described = type ? `content-type ${type}` : 'no content-type';
    return {
      ok: false,
      error: `The response is not JSON (${described}); response mapping needs a JSON body`,
    };
  }
}
