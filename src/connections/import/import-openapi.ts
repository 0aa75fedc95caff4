import type { AppContext } from '../../context.ts';
import type { ErrorDetail } from '../../errors.ts';
import { type Auth, type ConnectionView, connectionInputSchema } from '../connection.schema.ts';
import { createConnection, getConnection } from '../connections.repository.ts';
import { endpointInputSchema } from '../endpoint.schema.ts';
import { createEndpoint, type EndpointView } from '../endpoints.repository.ts';
import { loadOpenApiDocument } from './load-openapi-document.ts';
import { openApiAuth, openApiBaseUrl } from './openapi-connection.ts';
import { openApiOperations, type SkippedOperation } from './openapi-operations.ts';

export interface ImportOpenApiInput {
  /** JSON or YAML text, an http(s) URL, or an already parsed document. */
  spec: string | Record<string, unknown>;
  connectionId?: string;
  /** Used instead of what the document's security schemes suggest (which only get placeholders). */
  auth?: Auth;
  name?: string;
}

export type ImportOpenApiResult =
  | {
      ok: true;
      connection: ConnectionView;
      endpoints: EndpointView[];
      skipped: SkippedOperation[];
      notes: string[];
    }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid' | 'upstream'; message: string; details?: ErrorDetail[] };

const MAX_ENDPOINTS = 200;

/**
 * `POST /connections/import/openapi`: endpoints from an OpenAPI 3.x or Swagger 2
 * document, into an existing connection or a new one built from the document's
 * server and security scheme. Everything is checked before anything is written.
 */
export async function importOpenApi(
  ctx: AppContext,
  tenantId: string,
  input: ImportOpenApiInput,
): Promise<ImportOpenApiResult> {
  const existing = input.connectionId ? await getConnection(ctx, tenantId, input.connectionId) : undefined;
  if (input.connectionId && !existing) return { ok: false, reason: 'not_found' };
  const loaded = await loadOpenApiDocument(ctx, input.spec, {
    tenantId,
    connectionId: existing?.id ?? null,
    endpointId: null,
    conversationId: null,
    source: 'import',
  });
  if (!loaded.ok) return { ok: false, reason: loaded.kind, message: loaded.message };
  const { doc, version } = loaded;

  const notes: string[] = [];
  const { endpoints: candidates, skipped } = openApiOperations(doc, version);
  const endpoints = [];
  for (const candidate of candidates) {
    const parsed = endpointInputSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const reason = `${issue.path.join('.') || 'endpoint'}: ${issue.message}`;
      skipped.push({ method: String(candidate.method), path: candidate.path ?? '', reason });
    } else if (endpoints.length >= MAX_ENDPOINTS) {
      skipped.push({
        method: parsed.data.method,
        path: parsed.data.path,
        reason: `more than ${MAX_ENDPOINTS} operations`,
      });
    } else endpoints.push(parsed.data);
  }

  let connection = existing;
  if (!connection) {
    const baseUrl = openApiBaseUrl(doc, version, loaded.sourceUrl);
    if (!baseUrl) {
      const message =
        'The document has no absolute server URL (servers[0].url or host); create the connection first and import into it with connectionId.';
      return { ok: false, reason: 'invalid', message, details: [{ path: 'body.spec', message }] };
    }
    const suggested = openApiAuth(doc, version);
    if (!input.auth && suggested.note) notes.push(suggested.note);
    const info = (doc.info ?? {}) as Record<string, unknown>;
    const title =
      typeof info.title === 'string' && info.title.trim() ? info.title.trim() : new URL(baseUrl).host;
    const parsed = connectionInputSchema.safeParse({
      name: (input.name ?? title).slice(0, 200),
      baseUrl,
      auth: input.auth ?? suggested.auth,
      headers: {},
    });
    if (!parsed.success) {
      const message = `The document's server or security scheme is not usable: ${parsed.error.issues[0].message}`;
      return { ok: false, reason: 'invalid', message };
    }
    connection = await createConnection(ctx, tenantId, parsed.data);
  }

  const created: EndpointView[] = [];
  for (const endpoint of endpoints) {
    const result = await createEndpoint(ctx, tenantId, connection.id, endpoint);
    if (result.ok) created.push(result.endpoint);
    else {
      const reason =
        result.reason === 'invalid'
          ? result.details.map((d) => `${d.path}: ${d.message}`).join('; ')
          : 'not found';
      skipped.push({ method: endpoint.method, path: endpoint.path, reason });
    }
  }
  return { ok: true, connection, endpoints: created, skipped, notes };
}
