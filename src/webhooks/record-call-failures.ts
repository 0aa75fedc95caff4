import type { Kysely } from 'kysely';
import type { CallLogsTable } from '../connections/connection.tables.ts';
import type { Database } from '../db/schema.ts';
import { recordWebhookEvent } from './record-webhook-event.ts';

/**
 * Queues a `call.failed` event for each failed outbound call among freshly written call-log rows,
 * with the row as `GET /call-logs` shows it. Calls made by `POST /endpoints/{id}/test` and
 * `POST /connections/{id}/test` (source "test") are the tenant's own experiments and send nothing.
 * Call it in the transaction that inserts the rows.
 */
export async function recordCallFailures(
  db: Kysely<Database>,
  rows: readonly CallLogsTable[],
): Promise<void> {
  for (const row of rows) {
    if (row.ok === 1 || row.source === 'test') continue;
    await recordWebhookEvent(db, row.tenant_id, 'call.failed', {
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
      ok: false,
      error: row.error,
    });
  }
}
