import { CompiledQuery } from 'kysely';
import type { Db, DbKind } from '../../db/database.ts';
import { recordCallFailures } from '../../webhooks/record-call-failures.ts';
import type { CallLogsTable } from '../connection.tables.ts';
import { callLogTime, newCallLogId } from './call-log-id.ts';
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
  /** Placeholder style of the hand-written insert (`?` or `$n`). */
  dbKind: DbKind;
  retentionDays: number;
  maxRowsPerTenant?: number;
  flushMs?: number;
  batchSize?: number;
  /** Prune at most this often; deletes are cheap index range scans. */
  pruneEveryMs?: number;
}

/**
 * Batches call-log inserts off the request path, so logging adds no database round trip to an
 * API call. The message pipeline flushes before each reply (flushCallLogs); entries of calls
 * nothing depends on yet (a test button's) wait up to `flushMs`, and a kill -9 in that window
 * loses them.
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

  // `call.failed` webhook events are queued in the same transaction as the rows they describe.
  const insertChunk = (chunk: CallLogsTable[]) =>
    db.transaction().execute(async (trx) => {
      await trx.executeQuery(insertRows(options.dbKind, chunk));
      await recordCallFailures(trx, chunk);
    });

  async function writeBatch(rows: CallLogsTable[]): Promise<void> {
    try {
      for (let i = 0; i < rows.length; i += batchSize) {
        const chunk = rows.slice(i, i + batchSize);
        try {
          await insertChunk(chunk);
        } catch {
          // One row can fail the chunk (its tenant was deleted meanwhile): the others are kept.
          for (const row of chunk) await insertChunk([row]).catch(() => undefined);
        }
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
        id: newCallLogId(),
        tenant_id: entry.tenantId,
        created_at: callLogTime(),
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

const COLUMNS = [
  'id',
  'tenant_id',
  'created_at',
  'connection_id',
  'endpoint_id',
  'conversation_id',
  'source',
  'method',
  'url',
  'status',
  'duration_ms',
  'ok',
  'error',
] as const satisfies readonly (keyof CallLogsTable)[];

const statements = new Map<string, string>();

/**
 * One multi-row insert, its SQL text cached per database kind and row count: building
 * it through the query builder for every batch cost more CPU than SQLite's own work.
 */
function insertRows(kind: DbKind, rows: readonly CallLogsTable[]): CompiledQuery {
  const key = `${kind}:${rows.length}`;
  let text = statements.get(key);
  if (text === undefined) {
    let n = 0;
    const tuple = () => `(${COLUMNS.map(() => (kind === 'postgres' ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into call_logs (${COLUMNS.join(', ')}) values ${rows.map(tuple).join(', ')}`;
    statements.set(key, text);
  }
  return CompiledQuery.raw(
    text,
    rows.flatMap((row) => COLUMNS.map((column) => row[column])),
  );
}
