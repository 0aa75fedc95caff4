import type { Db } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { nowIso } from '../../db/time.ts';
import { recordCallFailures } from '../../webhooks/record-call-failures.ts';
import type { CallLogsTable } from '../connection.tables.ts';
import { pruneCallLogs } from './prune-call-logs.ts';

/** One outbound call, already redacted: no bodies, no auth query parameters, no secrets in `error`. */
export interface CallLogEntry {
  tenantId: string;
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

export interface CallLogWriter {
  /** Queues an entry; it reaches the database within `flushMs` (or at once when the batch is full). */
  write(entry: CallLogEntry): void;
  /** Writes everything queued so far (readers call it first, so a list always shows every finished call). */
  flush(): Promise<void>;
}

export interface CallLogWriterOptions {
  retentionDays: number;
  maxRowsPerTenant?: number;
  flushMs?: number;
  batchSize?: number;
  /** Prune at most this often; deletes are cheap index range scans. */
  pruneEveryMs?: number;
}

/**
 * Batches call-log inserts off the request path, so logging adds no database
 * round trip to an API call. Entries still queued when a process is killed
 * are lost: call logs are diagnostics, not acknowledged writes.
 */
export function createCallLogWriter(db: Db, options: CallLogWriterOptions): CallLogWriter {
  const flushMs = options.flushMs ?? 100;
  const batchSize = options.batchSize ?? 200;
  const pruneEveryMs = options.pruneEveryMs ?? 60_000;
  let queue: CallLogsTable[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let lastPrune = 0;
  const touched = new Set<string>();

  async function writeBatch(rows: CallLogsTable[]): Promise<void> {
    try {
      for (let i = 0; i < rows.length; i += batchSize) {
        const chunk = rows.slice(i, i + batchSize);
        // `call.failed` webhook events are queued in the same transaction as the rows they describe.
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('call_logs').values(chunk).execute();
          await recordCallFailures(trx, chunk);
        });
      }
      for (const row of rows) touched.add(row.tenant_id);
      if (Date.now() - lastPrune >= pruneEveryMs) {
        lastPrune = Date.now();
        const tenantIds = [...touched];
        touched.clear();
        await pruneCallLogs(db, { ...options, tenantIds });
      }
    } catch {
      // Diagnostics must never break a conversation; a failed batch is dropped.
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const rows = queue;
    queue = [];
    writing = writing.then(() => (rows.length > 0 ? writeBatch(rows) : undefined));
    return writing;
  }

  return {
    write(entry) {
      queue.push({
        id: newId(),
        tenant_id: entry.tenantId,
        created_at: nowIso(),
        connection_id: entry.connectionId,
        endpoint_id: entry.endpointId,
        conversation_id: entry.conversationId,
        source: entry.source,
        method: entry.method,
        url: entry.url,
        status: entry.status,
        duration_ms: Math.round(entry.durationMs),
        ok: entry.ok ? 1 : 0,
        error: entry.error,
      });
      if (queue.length >= batchSize) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
    },
    flush,
  };
}
