import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SqliteDialect } from 'kysely';
import {
  BACKSTOP_PAGES,
  CHECKPOINTER_AFTER_WRITES,
  startWalCheckpointer,
  type WalCheckpointer,
} from './wal-checkpointer.ts';

type Param = null | number | bigint | string | Uint8Array;

/** SQLite cannot bind booleans or Dates; store them the way the migrations declare them. */
function toParam(value: unknown): Param {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as Param;
}

/**
 * Adapts the built-in `node:sqlite` to the better-sqlite3 shape Kysely's SqliteDialect expects,
 * so the embedded default needs no native addon. Statements are cached by SQL text.
 */
export function createNodeSqliteDialect(file: string): {
  dialect: SqliteDialect;
  raw: DatabaseSync;
  /** Resolves once the checkpoint worker (if one started) has closed its connection. */
  closed(): Promise<void>;
} {
  const raw = new DatabaseSync(file);
  raw.exec('PRAGMA journal_mode = WAL');
  raw.exec('PRAGMA synchronous = NORMAL');
  raw.exec('PRAGMA foreign_keys = ON');
  raw.exec('PRAGMA busy_timeout = 5000');
  const cache = new Map<string, { stmt: StatementSync; reader: boolean }>();
  // Checkpoints move to a worker thread once this process writes a lot (see wal-checkpointer.ts).
  let writes = 0;
  let checkpointer: WalCheckpointer | undefined;
  let checkpointerStopped: Promise<void> = Promise.resolve();
  const noteWrite = () => {
    if (++writes !== CHECKPOINTER_AFTER_WRITES || file === ':memory:') return;
    raw.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    checkpointer = startWalCheckpointer(file);
  };

  function prepare(sql: string) {
    let entry = cache.get(sql);
    if (!entry) {
      const stmt = raw.prepare(sql);
      entry = { stmt, reader: stmt.columns().length > 0 };
      if (cache.size > 1000) cache.clear();
      cache.set(sql, entry);
    }
    const { stmt, reader } = entry;
    return {
      reader,
      all: (params: ReadonlyArray<unknown>) => stmt.all(...params.map(toParam)),
      run: (params: ReadonlyArray<unknown>) => {
        const result = stmt.run(...params.map(toParam));
        noteWrite();
        return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
      },
      iterate: (params: ReadonlyArray<unknown>) => stmt.iterate(...params.map(toParam)),
    };
  }

  const dialect = new SqliteDialect({
    database: {
      prepare,
      close: () => {
        cache.clear();
        // The worker closes its own connection; the last one to close removes the WAL. Kysely does
        // not await this close, so `closed()` lets shutdown wait for the worker: until then it may
        // still (re)open the file, e.g. while a data directory is being removed.
        if (checkpointer) checkpointerStopped = checkpointer.stop();
        raw.close();
      },
    } as never,
  });
  return { dialect, raw, closed: () => checkpointerStopped };
}
