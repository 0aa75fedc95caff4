import type { AppContext } from '../../context.ts';
import type { CallLogsTable } from '../connection.tables.ts';
import { connectionsRuntime } from '../connections-runtime.ts';

export interface CallLogView {
  id: string;
  createdAt: string;
  connectionId: string | null;
  endpointId: string | null;
  conversationId: string | null;
  source: string;
  method: string;
  url: string;
  status: number | null;
  durationMs: number;
  ok: boolean;
  error: string | null;
}

export interface CallLogFilter {
  connectionId?: string;
  endpointId?: string;
  conversationId?: string;
  limit: number;
  offset: number;
}

const toView = (row: CallLogsTable): CallLogView => ({
  id: row.id,
  createdAt: row.created_at,
  connectionId: row.connection_id,
  endpointId: row.endpoint_id,
  conversationId: row.conversation_id,
  source: row.source,
  method: row.method,
  url: row.url,
  status: row.status,
  durationMs: row.duration_ms,
  ok: row.ok === 1,
  error: row.error,
});

/** The tenant's outbound calls, newest first. Queued entries are flushed first so none is missing. */
export async function listCallLogs(ctx: AppContext, tenantId: string, filter: CallLogFilter) {
  await connectionsRuntime(ctx).callLogs.flush();
  let query = ctx.db.selectFrom('call_logs').where('tenant_id', '=', tenantId);
  if (filter.connectionId) query = query.where('connection_id', '=', filter.connectionId);
  if (filter.endpointId) query = query.where('endpoint_id', '=', filter.endpointId);
  if (filter.conversationId) query = query.where('conversation_id', '=', filter.conversationId);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toView), total: Number(count.total) };
}
