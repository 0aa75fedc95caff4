import type { AppContext } from '../context.ts';
import { secretFields } from './connection.schema.ts';
import type { ConnectionsTable, EndpointsTable } from './connection.tables.ts';
import { isSensitiveHeader } from './connection-config.ts';
import { type LoadedConnection, loadedConnectionFromRow } from './connections.repository.ts';
import { connectionsRuntime } from './connections-runtime.ts';
import { isSecretValue } from './endpoint-config.ts';
import { type LoadedEndpoint, loadedEndpointFromRow } from './endpoints.repository.ts';

/** What one call needs, decrypted once and reused while cached. */
export interface EndpointBundle {
  connection: LoadedConnection;
  endpoint: LoadedEndpoint;
  /** Declared field names that must be present before the call. */
  requiredFields: string[];
  /** Every stored credential in plain text, to scrub from anything echoed or logged. */
  secrets: string[];
}

/**
 * The endpoint and its connection in one query, scoped to the tenant; served
 * from memory for a few seconds (BUNDLE_TTL_MS) so a busy endpoint costs no
 * database round trip and no decryption per call.
 */
export async function loadEndpointBundle(
  ctx: AppContext,
  tenantId: string,
  endpointId: string,
): Promise<EndpointBundle | undefined> {
  const runtime = connectionsRuntime(ctx);
  const cached = runtime.bundles.get(endpointId);
  if (cached && cached.expiresAt > Date.now() && cached.bundle.endpoint.tenantId === tenantId)
    return cached.bundle;
  const row = await ctx.db
    .selectFrom('endpoints as e')
    .innerJoin('connections as c', 'c.id', 'e.connection_id')
    .select([
      'e.id as e_id',
      'e.tenant_id as e_tenant_id',
      'e.connection_id as e_connection_id',
      'e.name as e_name',
      'e.method as e_method',
      'e.path as e_path',
      'e.ai_callable as e_ai_callable',
      'e.config as e_config',
      'e.created_at as e_created_at',
      'e.updated_at as e_updated_at',
      'c.id as c_id',
      'c.tenant_id as c_tenant_id',
      'c.name as c_name',
      'c.base_url as c_base_url',
      'c.auth_type as c_auth_type',
      'c.config as c_config',
      'c.created_at as c_created_at',
      'c.updated_at as c_updated_at',
    ])
    .where('e.id', '=', endpointId)
    .where('e.tenant_id', '=', tenantId)
    .where('c.tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) return undefined;
  const endpoint = loadedEndpointFromRow(ctx, unprefix<EndpointsTable>(row, 'e_'));
  const connection = loadedConnectionFromRow(ctx, unprefix<ConnectionsTable>(row, 'c_'));
  const bundle: EndpointBundle = {
    connection,
    endpoint,
    requiredFields: endpoint.fields.filter((f) => f.required).map((f) => f.name),
    secrets: collectSecrets(connection, endpoint),
  };
  runtime.rememberBundle(bundle);
  return bundle;
}

function unprefix<T>(row: Record<string, unknown>, prefix: string): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out as T;
}

export function collectSecrets(connection: LoadedConnection, endpoint?: LoadedEndpoint): string[] {
  const secrets: string[] = [];
  const auth = connection.auth as Record<string, unknown>;
  for (const field of secretFields[connection.auth.type])
    if (typeof auth[field] === 'string') secrets.push(auth[field]);
  // An upstream that echoes the request shows Basic credentials encoded, not as typed.
  if (connection.auth.type === 'basic') {
    const { username, password } = connection.auth;
    secrets.push(Buffer.from(`${username}:${password}`).toString('base64'));
  }
  for (const [name, value] of Object.entries(connection.headers))
    if (isSensitiveHeader(name)) secrets.push(value);
  for (const [name, value] of Object.entries(endpoint?.headers ?? {})) {
    if (isSecretValue('header', name, value)) secrets.push(value);
  }
  for (const [name, value] of Object.entries(endpoint?.queryParams ?? {})) {
    if (isSecretValue('query', name, value)) secrets.push(value);
  }
  return secrets;
}
