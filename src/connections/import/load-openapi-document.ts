import type { AppContext } from '../../context.ts';
import { isOutboundError, type OutboundErrorCode } from '../../http/guarded-fetch/outbound-error.ts';
import { type CallMeta, loggedFetch } from '../call-logs/record-call.ts';

export type OpenApiDocument = Record<string, unknown>;

export type LoadedDocument =
  | { ok: true; doc: OpenApiDocument; version: 2 | 3; sourceUrl?: string }
  | { ok: false; kind: 'invalid' | 'upstream'; message: string };

const URL_ONLY = /^https?:\/\/\S+$/i;

// Refusals of the URL itself (an address the SSRF policy blocks, not http(s), credentials in
// it) are the caller's input; the rest (HTTP errors, timeouts, unreachable hosts) is upstream.
const INPUT_ERRORS: ReadonlySet<OutboundErrorCode> = new Set(['BLOCKED', 'INVALID_URL']);

/**
 * Turns the `spec` field into a dereferenced OpenAPI 3.x or Swagger 2 document:
 * an already parsed document (a JSON object in the request), JSON or YAML text, or
 * an http(s) URL fetched through the guarded fetch. Only internal `$ref`s are
 * resolved — external ones (files, URLs) are left alone, so a document can't make
 * the server read its disk or call other hosts.
 */
export async function loadOpenApiDocument(
  ctx: AppContext,
  spec: string | Record<string, unknown>,
  meta: Omit<CallMeta, 'auth' | 'secrets'>,
): Promise<LoadedDocument> {
  let raw: unknown = spec;
  let sourceUrl: string | undefined;
  if (typeof spec === 'string') {
    let text = spec.trim();
    if (URL_ONLY.test(text)) {
      sourceUrl = text;
      const fetched = await fetchSpec(ctx, text, meta);
      if (!fetched.ok) return fetched;
      text = fetched.text;
    }
    const parsed = await parseSpecText(text);
    if (!parsed.ok) return parsed;
    raw = parsed.value;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      kind: 'invalid',
      message: 'The spec must be an OpenAPI 3 or Swagger 2 document (an object).',
    };
  }
  const record = raw as OpenApiDocument;
  const version = String(record.swagger ?? '').startsWith('2')
    ? 2
    : String(record.openapi ?? '').startsWith('3')
      ? 3
      : 0;
  if (version === 0) {
    return { ok: false, kind: 'invalid', message: 'The spec has neither "openapi: 3.x" nor "swagger: 2.0".' };
  }
  try {
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    const doc = (await SwaggerParser.dereference(record as never, {
      resolve: { external: false },
      dereference: { circular: 'ignore' },
    })) as unknown as OpenApiDocument;
    return { ok: true, doc, version, sourceUrl };
  } catch (err) {
    return { ok: false, kind: 'invalid', message: `The spec could not be read: ${(err as Error).message}` };
  }
}

async function fetchSpec(
  ctx: AppContext,
  url: string,
  meta: Omit<CallMeta, 'auth' | 'secrets'>,
): Promise<{ ok: true; text: string } | Extract<LoadedDocument, { ok: false }>> {
  try {
    const res = await loggedFetch(ctx, { ...meta, auth: { type: 'none' }, secrets: [] })({
      method: 'GET',
      url,
      headers: { accept: 'application/json, application/yaml, text/yaml, */*' },
    });
    if (res.status < 200 || res.status > 299) {
      return { ok: false, kind: 'upstream', message: `Fetching the spec answered HTTP ${res.status}.` };
    }
    return { ok: true, text: res.body.toString('utf8').trim() };
  } catch (err) {
    if (!isOutboundError(err)) throw err;
    const kind = INPUT_ERRORS.has(err.code) ? 'invalid' : 'upstream';
    return { ok: false, kind, message: `Could not fetch the spec: ${err.message}` };
  }
}

async function parseSpecText(
  text: string,
): Promise<{ ok: true; value: unknown } | Extract<LoadedDocument, { ok: false }>> {
  try {
    // The parsers are imported on the first import, not at every start-up.
    const value = text.startsWith('{')
      ? JSON.parse(text)
      : (await import('yaml')).parse(text, { maxAliasCount: 100 });
    return { ok: true, value };
  } catch (err) {
    return {
      ok: false,
      kind: 'invalid',
      message: `The spec is neither valid JSON nor YAML: ${(err as Error).message}`,
    };
  }
}
