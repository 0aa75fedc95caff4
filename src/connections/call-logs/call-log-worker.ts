import { Worker } from 'node:worker_threads';

/**
 * Inserts call-log rows into a SQLite file from a worker thread. Each row costs SQLite ~4 µs
 * (three B-trees: the table, its primary key and the tenant index) — on the main thread that was
 * the largest part of what the engine adds to an outbound call. The worker has its own connection
 * to the same WAL-mode file; writers take turns on SQLite's lock (busy_timeout), and the main
 * connection's short transactions did not measurably wait for the worker's batches.
 *
 * Rows the worker cannot insert (a tenant deleted meanwhile fails its foreign key) are skipped one
 * by one, so they never cost the rest of their batch.
 */
export interface CallLogWorker {
  /** Inserts `rows` flattened column by column; settles once they are committed (or skipped). */
  insert(values: unknown[], rows: number): Promise<void>;
  /** Finishes what was sent and closes the worker's connection. */
  stop(): Promise<void>;
}

// Plain JS evaluated in the worker (no TypeScript loader there), like the WAL checkpointer.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA synchronous = NORMAL');
db.exec('PRAGMA foreign_keys = ON');
db.exec('PRAGMA busy_timeout = 5000');
const columns = workerData.columns;
const tuple = '(' + columns.map(() => '?').join(', ') + ')';
const head = 'insert into call_logs (' + columns.join(', ') + ') values ';
const statements = new Map();
function statement(rows) {
  let stmt = statements.get(rows);
  if (!stmt) {
    stmt = db.prepare(head + Array(rows).fill(tuple).join(', ') + ' on conflict (id) do nothing');
    statements.set(rows, stmt);
  }
  return stmt;
}
function insert(values, rows) {
  db.exec('BEGIN IMMEDIATE');
  try {
    statement(rows).run(...values);
    db.exec('COMMIT');
    return;
  } catch {
    db.exec('ROLLBACK');
  }
  const width = columns.length;
  for (let i = 0; i < rows; i++) {
    try { statement(1).run(...values.slice(i * width, (i + 1) * width)); } catch {}
  }
}
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  let error = null;
  try { insert(JSON.parse(message.values), message.rows); } catch (err) { error = String(err && err.message || err); }
  parentPort.postMessage({ seq: message.seq, error });
});
`;

export function startCallLogWorker(file: string, columns: readonly string[]): CallLogWorker {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, columns },
    resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
  });
  worker.unref();
  const pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let seq = 0;
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };
  worker.on('message', (message: { seq: number; error: string | null }) => {
    const waiter = pending.get(message.seq);
    pending.delete(message.seq);
    if (message.error === null) waiter?.resolve();
    else waiter?.reject(new Error(message.error));
  });
  worker.on('error', fail);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      fail(new Error('the call-log worker stopped'));
      resolve();
    }),
  );
  return {
    insert(values, rows) {
      if (failure) return Promise.reject(failure);
      const id = ++seq;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // One string: structured-cloning thousands of values cost the main thread more.
        worker.postMessage({ seq: id, values: JSON.stringify(values), rows });
      });
    },
    async stop() {
      if (!failure) worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
