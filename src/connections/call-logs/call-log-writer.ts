import { CompiledQuery } from 'kysely';
import type { Db, DbKind } from '../../db/database.ts';
import { queuesCallFailed, recordCallFailures } from '../../webhooks/record-call-failures.ts';
import type { CallLogsTable } from '../connection.tables.ts';
import { callLogTime, newCallLogId } from './call-log-id.ts';
import { type CallLogWorker, startCallLogWorker } from './call-log-worker.ts';
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
  /** Flushes, then stops the off-thread writer (shutdown). */
  close(): Promise<void>;
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
  /**
   * The SQLite file: once this process has logged `offThreadAfter` calls, rows that queue no
   * `call.failed` event and that nobody waits for are inserted by a worker thread
   * (call-log-worker.ts). An idle server does not pay for the worker.
   */
  sqliteFile?: string;
  offThreadAfter?: number;
}

/** Calls logged before a busy process moves its inserts to a worker thread. */
export const OFF_THREAD_AFTER_CALLS = 500;

/**
 * Batches call-log inserts off the request path, so logging adds no database round trip to an
 * API call. The message pipeline flushes before each reply (flushCallLogs); entries of calls
 * nothing depends on yet (a test button's) wait up to `flushMs`, and a kill -9 in that window
 * loses them. Failed calls are written here, in the transaction that queues their `call.failed`
 * webhook events; on SQLite the rest go to a worker once the process is busy.
 */
export function createCallLogWriter(db: Db, options: CallLogWriterOptions): CallLogWriter {
  const flushMs = options.flushMs ?? 100;
  const batchSize = options.batchSize ?? 200;
  const pruneEveryMs = options.pruneEveryMs ?? 60_000;
  const offThreadAfter = options.offThreadAfter ?? OFF_THREAD_AFTER_CALLS;
  let queue: CallLogsTable[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let lastPrune = 0;
  let logged = 0;
  let worker: CallLogWorker | undefined;
  // Closed, or the worker failed once: this process writes its own rows from then on.
  let stayHere = false;
  const touched = new Set<string>();

  // `call.failed` webhook events are queued in the same transaction as the rows they describe.
  const insertChunk = (chunk: CallLogsTable[]) =>
    db.transaction().execute(async (trx) => {
      await trx.executeQuery(insertRows(options.dbKind, chunk));
      await recordCallFailures(trx, chunk);
    });

  async function insertHere(rows: CallLogsTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += batchSize) {
      const chunk = rows.slice(i, i + batchSize);
      try {
        await insertChunk(chunk);
      } catch {
        // One row can fail the chunk (its tenant was deleted meanwhile): the others are kept.
        // Diagnostics must never break a conversation, so a row that still fails is dropped.
        for (const row of chunk) await insertChunk([row]).catch(() => undefined);
      }
    }
  }

  async function insertOffThread(rows: CallLogsTable[], offThread: CallLogWorker): Promise<void> {
    const values: unknown[] = [];
    for (const row of rows) for (const column of COLUMNS) values.push(row[column]);
    try {
      await offThread.insert(values, rows.length);
    } catch {
      // The worker died (or could not open the file): this process writes its rows from now on.
      stayHere = true;
      if (worker === offThread) {
        worker = undefined;
        void offThread.stop();
      }
      await insertHere(rows);
    }
  }

  async function writeBatch(rows: CallLogsTable[], offThread: CallLogWorker | undefined): Promise<void> {
    if (offThread) {
      const events = rows.filter(queuesCallFailed);
      const quiet = rows.filter((row) => !queuesCallFailed(row));
      await Promise.all([
        events.length > 0 ? insertHere(events) : undefined,
        quiet.length > 0 ? insertOffThread(quiet, offThread) : undefined,
      ]);
    } else await insertHere(rows);
    for (const row of rows) touched.add(row.tenant_id);
    if (Date.now() - lastPrune >= pruneEveryMs) {
      lastPrune = Date.now();
      const tenantIds = [...touched];
      touched.clear();
      await pruneCallLogs(db, { ...options, tenantIds }).catch(() => undefined);
    }
  }

  /**
   * `background`: a full batch or the timer, which nobody waits for, may go to the worker. A caller
   * waiting (the pipeline before a reply) is served here: a round trip to the worker and its
   * commits contending with this connection's made the message pipeline a third slower.
   */
  function flush(background: boolean): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const rows = queue;
    queue = [];
    const busy = background && logged >= offThreadAfter;
    if (busy && rows.length > 0 && !worker && !stayHere && options.sqliteFile) {
      worker = startCallLogWorker(options.sqliteFile, COLUMNS);
    }
    const offThread = background ? worker : undefined;
    writing = writing.then(() => (rows.length > 0 ? writeBatch(rows, offThread) : undefined));
    return writing;
  }

  return {
    write(entry) {
      logged++;
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
      if (queue.length >= batchSize) void flush(true);
      else if (!timer) {
        timer = setTimeout(() => void flush(true), flushMs);
        timer.unref();
      }
    },
    flush: () => flush(false),
    async close() {
      stayHere = true;
      await flush(false);
      const offThread = worker;
      worker = undefined;
      await offThread?.stop();
    },
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
    // `do nothing`: rows a worker committed just before it died are written here again.
    text = `insert into call_logs (${COLUMNS.join(', ')}) values ${rows.map(tuple).join(', ')} on conflict (id) do nothing`;
    statements.set(key, text);
  }
  return CompiledQuery.raw(
    text,
    rows.flatMap((row) => COLUMNS.map((column) => row[column])),
  );
}
