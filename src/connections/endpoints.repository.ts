import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { nowIso } from '../db/time.ts';
import type { ErrorDetail } from '../errors.ts';
import { disableRulesCallingEndpoints, type RuleRef } from '../rules/rules.repository.ts';
import type { EndpointsTable } from './connection.tables.ts';
import { connectionsRuntime } from './connections-runtime.ts';
import {
  type Endpoint,
  type EndpointInput,
  type EndpointPatch,
  endpointInputSchema,
} from './endpoint.schema.ts';
import {
  type EndpointDocument,
  keepMaskedSecrets,
  maskEndpointDocument,
  openEndpointDocument,
  sealEndpointDocument,
} from './endpoint-config.ts';
import { endpointTemplateIssues as templateIssues } from './endpoint-template-issues.ts';

/** An endpoint with its stored secrets decrypted (memory only). */
export interface LoadedEndpoint extends Endpoint {
  id: string;
  tenantId: string;
  connectionId: string;
  createdAt: string;
  updatedAt: string;
}

export type EndpointView = Omit<LoadedEndpoint, 'tenantId'>;

export function loadedEndpointFromRow(ctx: AppContext, row: EndpointsTable): LoadedEndpoint {
  return {
    ...openEndpointDocument(ctx.vault, row.config),
    id: row.id,
    tenantId: row.tenant_id,
    connectionId: row.connection_id,
    name: row.name,
    method: row.method as Endpoint['method'],
    path: row.path,
    aiCallable: row.ai_callable === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function endpointView(endpoint: LoadedEndpoint): EndpointView {
  const {
    tenantId: _tenant,
    id,
    connectionId,
    name,
    method,
    path,
    aiCallable,
    createdAt,
    updatedAt,
    ...doc
  } = endpoint;
  const masked = maskEndpointDocument(doc);
  return { id, connectionId, name, method, path, ...masked, aiCallable, createdAt, updatedAt };
}

function splitEndpoint(endpoint: Endpoint): {
  doc: EndpointDocument;
  columns: Pick<Endpoint, 'name' | 'method' | 'path' | 'aiCallable'>;
} {
  const { name, method, path, aiCallable, ...doc } = endpoint;
  return { doc, columns: { name, method, path, aiCallable } };
}

export type EndpointWriteResult =
  | { ok: true; endpoint: EndpointView; warnings: ErrorDetail[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; details: ErrorDetail[] };

/**
 * An endpoint's timeout is at most the installation's PARLEY_OUTBOUND_TIMEOUT_MS; a higher one is
 * lowered when saved, and the response says so (the value read back would otherwise just differ).
 */
function clampTimeout(ctx: AppContext, endpoint: Endpoint): { endpoint: Endpoint; warnings: ErrorDetail[] } {
  const ceiling = ctx.config.outboundTimeoutMs;
  if (endpoint.timeoutMs <= ceiling) return { endpoint, warnings: [] };
  const message = `Lowered from ${endpoint.timeoutMs} to ${ceiling} ms, the longest any outbound call may take on this installation (PARLEY_OUTBOUND_TIMEOUT_MS); its operator can raise that.`;
  return { endpoint: { ...endpoint, timeoutMs: ceiling }, warnings: [{ path: 'timeoutMs', message }] };
}

export async function createEndpoint(
  ctx: AppContext,
  tenantId: string,
  connectionId: string,
  input: Endpoint,
): Promise<EndpointWriteResult> {
  const connection = await ctx.db
    .selectFrom('connections')
    .select('id')
    .where('id', '=', connectionId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!connection) return { ok: false, reason: 'not_found' };
  const { endpoint, warnings: clamped } = clampTimeout(ctx, input);
  const { errors, warnings } = await templateIssues(ctx, tenantId, endpoint);
  warnings.push(...clamped);
  if (errors.length > 0) return { ok: false, reason: 'invalid', details: errors };
  const { doc, columns } = splitEndpoint(endpoint);
  const now = nowIso();
  const row: EndpointsTable = {
    id: newId(),
    tenant_id: tenantId,
    connection_id: connectionId,
    name: columns.name,
    method: columns.method,
    path: columns.path,
    ai_callable: columns.aiCallable ? 1 : 0,
    config: sealEndpointDocument(ctx.vault, doc),
    created_at: now,
    updated_at: now,
  };
  await ctx.db.insertInto('endpoints').values(row).execute();
  return { ok: true, endpoint: endpointView(loadedEndpointFromRow(ctx, row)), warnings };
}

export async function listEndpoints(
  ctx: AppContext,
  tenantId: string,
  filter: { connectionId?: string; limit: number; offset: number },
) {
  let query = ctx.db.selectFrom('endpoints').where('tenant_id', '=', tenantId);
  if (filter.connectionId !== undefined) query = query.where('connection_id', '=', filter.connectionId);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'asc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => endpointView(loadedEndpointFromRow(ctx, row))),
    total: Number(count.total),
  };
}

/** Every endpoint of a tenant, decrypted (the AI layer turns the `aiCallable` ones into tools). */
export async function loadTenantEndpoints(ctx: AppContext, tenantId: string): Promise<LoadedEndpoint[]> {
  const rows = await ctx.db
    .selectFrom('endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  return rows.map((row) => loadedEndpointFromRow(ctx, row));
}

async function findRow(ctx: AppContext, tenantId: string, id: string) {
  return ctx.db
    .selectFrom('endpoints')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

export async function getEndpoint(
  ctx: AppContext,
  tenantId: string,
  id: string,
): Promise<LoadedEndpoint | undefined> {
  const row = await findRow(ctx, tenantId, id);
  return row && loadedEndpointFromRow(ctx, row);
}

export async function updateEndpoint(
  ctx: AppContext,
  tenantId: string,
  id: string,
  patch: EndpointPatch,
): Promise<EndpointWriteResult> {
  const current = await getEndpoint(ctx, tenantId, id);
  if (!current) return { ok: false, reason: 'not_found' };
  const { tenantId: _t, id: _id, connectionId: _c, createdAt: _ca, updatedAt: _ua, ...stored } = current;
  const merged: EndpointInput = { ...stored, ...patch };
  if (patch.headers) merged.headers = keepMaskedSecrets('header', patch.headers, current.headers);
  if (patch.queryParams)
    merged.queryParams = keepMaskedSecrets('query', patch.queryParams, current.queryParams);
  const parsed = endpointInputSchema.safeParse(merged);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { ok: false, reason: 'invalid', details };
  }
  const { endpoint, warnings: clamped } = clampTimeout(ctx, parsed.data);
  const { errors, warnings } = await templateIssues(ctx, tenantId, endpoint, id);
  warnings.push(...clamped);
  if (errors.length > 0) return { ok: false, reason: 'invalid', details: errors };
  const { doc, columns } = splitEndpoint(endpoint);
  const updatedAt = nowIso();
  await ctx.db
    .updateTable('endpoints')
    .set({
      name: columns.name,
      method: columns.method,
      path: columns.path,
      ai_callable: columns.aiCallable ? 1 : 0,
      config: sealEndpointDocument(ctx.vault, doc),
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .execute();
  connectionsRuntime(ctx).invalidateEndpoint(id);
  return { ok: true, endpoint: endpointView({ ...current, ...endpoint, updatedAt }), warnings };
}

/** What a delete did besides deleting: the rules it disabled because they call a deleted endpoint. */
export interface EndpointsDeleted {
  disabledRules: RuleRef[];
}

/**
 * Deletes the endpoint and, in the same transaction, disables the tenant's rules that call
 * it (rules.repository.ts), so none keeps answering with the fallback reply. undefined: not found.
 */
export async function deleteEndpoint(
  ctx: AppContext,
  tenantId: string,
  id: string,
): Promise<EndpointsDeleted | undefined> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom('endpoints')
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return undefined;
    return { disabledRules: await disableRulesCallingEndpoints(trx, tenantId, [id]) };
  });
  connectionsRuntime(ctx).invalidateEndpoint(id);
  return outcome;
}
