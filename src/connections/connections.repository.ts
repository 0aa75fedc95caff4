import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { nowIso } from '../db/time.ts';
import { disableRulesCallingEndpoints } from '../rules/rules.repository.ts';
import type { ConnectionInput, ConnectionPatch, ConnectionView } from './connection.schema.ts';
import type { ConnectionsTable } from './connection.tables.ts';
import {
  type ConnectionConfig,
  mergeConnectionConfig,
  openConnectionConfig,
  openForPatch,
  sealConnectionConfig,
  viewConnectionConfig,
} from './connection-config.ts';
import { connectionsRuntime } from './connections-runtime.ts';
import type { EndpointsDeleted } from './endpoints.repository.ts';

/** A connection with its secrets decrypted: only ever held in memory for a call. */
export interface LoadedConnection extends ConnectionConfig {
  id: string;
  tenantId: string;
  name: string;
  baseUrl: string;
  updatedAt: string;
}

export function loadedConnectionFromRow(ctx: AppContext, row: ConnectionsTable): LoadedConnection {
  const config = openConnectionConfig(ctx.vault, row.config);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    baseUrl: row.base_url,
    updatedAt: row.updated_at,
    ...config,
  };
}

function toView(ctx: AppContext, row: ConnectionsTable): ConnectionView {
  const { config: masked, unreadable } = viewConnectionConfig(ctx.vault, row.config);
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    auth: masked.auth,
    headers: masked.headers,
    ...(unreadable ? { needsAttention: unreadable } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createConnection(ctx: AppContext, tenantId: string, input: ConnectionInput) {
  const now = nowIso();
  const row: ConnectionsTable = {
    id: newId(),
    tenant_id: tenantId,
    name: input.name,
    base_url: input.baseUrl,
    auth_type: input.auth.type,
    config: sealConnectionConfig(ctx.vault, { auth: input.auth, headers: input.headers }),
    created_at: now,
    updated_at: now,
  };
  await ctx.db.insertInto('connections').values(row).execute();
  return toView(ctx, row);
}

export async function listConnections(
  ctx: AppContext,
  tenantId: string,
  page: { limit: number; offset: number },
) {
  const [rows, count] = await Promise.all([
    ctx.db
      .selectFrom('connections')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id', 'asc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    ctx.db
      .selectFrom('connections')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((row) => toView(ctx, row)), total: Number(count.total) };
}

async function findRow(ctx: AppContext, tenantId: string, id: string) {
  return ctx.db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

export async function getConnection(ctx: AppContext, tenantId: string, id: string) {
  const row = await findRow(ctx, tenantId, id);
  return row && toView(ctx, row);
}

export async function loadConnection(ctx: AppContext, tenantId: string, id: string) {
  const row = await findRow(ctx, tenantId, id);
  return row && loadedConnectionFromRow(ctx, row);
}

export type UpdateConnectionResult =
  | { ok: true; connection: ConnectionView }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; path: string; message: string };

/** Applies a PATCH; secrets omitted or sent back masked are kept. Drops cached config and tokens. */
export async function updateConnection(
  ctx: AppContext,
  tenantId: string,
  id: string,
  patch: ConnectionPatch,
): Promise<UpdateConnectionResult> {
  const row = await findRow(ctx, tenantId, id);
  if (!row) return { ok: false, reason: 'not_found' };
  const stored = openForPatch(ctx.vault, row.config);
  const merged = mergeConnectionConfig(stored.config, patch);
  if (!merged.ok) return { ok: false, reason: 'invalid', path: merged.path, message: merged.message };
  stored.stillUnreadable(merged.config);
  const next: ConnectionsTable = {
    ...row,
    name: patch.name ?? row.name,
    base_url: patch.baseUrl ?? row.base_url,
    auth_type: merged.config.auth.type,
    config: sealConnectionConfig(ctx.vault, merged.config),
    updated_at: nowIso(),
  };
  await ctx.db
    .updateTable('connections')
    .set({
      name: next.name,
      base_url: next.base_url,
      auth_type: next.auth_type,
      config: next.config,
      updated_at: next.updated_at,
    })
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .execute();
  await connectionsRuntime(ctx).invalidateConnection(tenantId, id);
  return { ok: true, connection: toView(ctx, next) };
}

/**
 * Deletes the connection and (by cascade) its endpoints, disabling in the same transaction the
 * rules that call one of them; call logs are kept until retention. undefined: not found.
 */
export async function deleteConnection(
  ctx: AppContext,
  tenantId: string,
  id: string,
): Promise<EndpointsDeleted | undefined> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const endpoints = await trx
      .selectFrom('endpoints')
      .select('id')
      .where('connection_id', '=', id)
      .where('tenant_id', '=', tenantId)
      .execute();
    const result = await trx
      .deleteFrom('connections')
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return undefined;
    const endpointIds = endpoints.map((endpoint) => endpoint.id);
    return { disabledRules: await disableRulesCallingEndpoints(trx, tenantId, endpointIds) };
  });
  await connectionsRuntime(ctx).invalidateConnection(tenantId, id);
  return outcome;
}
