import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Config, ConfigError } from '../config.ts';
import { migrations } from './migrations/index.ts';
import { createNodeSqliteDialect } from './node-sqlite-dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
  /** Where failures of idle pooled connections are reported once the server has a logger. */
  setLogger(logger: { warn(obj: unknown, message: string): void }): void;
}

// count(*) and bigint columns come back as strings from pg; our values fit in 2^53.
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
};

/**
 * pg reports a failure of an idle pooled connection (a PostgreSQL restart or failover, a dropped
 * network link) as an 'error' event on the pool, and an unhandled 'error' event ends a Node process.
 * The pool has already discarded that connection and opens a new one on next use, so the event only
 * needs reporting.
 */
export function createPgPool(
  databaseUrl: string,
  schema: string | undefined,
  onIdleError: (error: Error) => void,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    types: pgTypes as never,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  pool.on('error', onIdleError);
  // A connection that dies while checked out but between queries (inside a transaction, say) emits
  // 'error' on its client, where the pool listens no longer: unheard, it would end the process. Its
  // next query fails anyway (503 UNAVAILABLE), so reporting it is enough.
  pool.on('connect', (client) => {
    client.on('error', onIdleError);
  });
  return pool;
}

export function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>,
): DatabaseHandle {
  if (config.databaseUrl) {
    let logger: Parameters<DatabaseHandle['setLogger']>[0] | undefined;
    const pool = createPgPool(config.databaseUrl, config.databaseSchema, (error) =>
      logger?.warn({ err: error }, 'a pooled PostgreSQL connection failed; the next query opens a new one'),
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      close: () => db.destroy(),
      setLogger: (next) => {
        logger = next;
      },
    };
  }
  const file = sqliteFile(config);
  createOwnerOnly(config.dataDir, file);
  const { dialect, closed } = createNodeSqliteDialect(file);
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    kind: 'sqlite',
    setLogger: () => {},
    async close() {
      await db.destroy();
      await closed();
    },
  };
}

/** Applies pending migrations; safe to run at every start and from `parley migrate`. */
export async function migrateToLatest(handle: DatabaseHandle, schema?: string): Promise<string[]> {
  if (handle.kind === 'postgres' && schema) {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(handle.db);
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: handle.kind === 'postgres' ? schema : undefined,
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (attempt < 3 && otherSchemaVanished(error, schema)) continue;
    throw newerDatabaseError(error) ?? error;
  }
}

/**
 * Kysely looks for its migration table among every schema of the database; another install (or
 * test run) dropping its own schema at that moment fails the lookup with "schema … does not
 * exist" for a schema that is not ours. Nothing was applied: trying again is safe.
 */
function otherSchemaVanished(error: unknown, schema: string | undefined): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === '3F000' && !(schema && message?.includes(`"${schema}"`));
}

/** The embedded database's file, absolute (PARLEY_DATA_DIR/parley.db). */
export const sqliteFile = (config: Pick<Config, 'dataDir'>): string =>
  path.resolve(config.dataDir, 'parley.db');

/** Kysely's "corrupted migrations" when the database holds a migration this code does not know. */
function newerDatabaseError(error: unknown): ConfigError | undefined {
  const missing = /previously executed migration (\S+) is missing/.exec(String((error as Error)?.message));
  if (!missing) return undefined;
  return new ConfigError(
    `this database was upgraded by a newer version of Parley (its migration ${missing[1]} is unknown to this one): run that version or a later one, or restore a backup taken before the upgrade.`,
  );
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * The database holds conversations, emails and password hashes: a new data directory is the
 * owner's only (0700) and the database file 0600 — SQLite gives its -wal and -shm files the
 * database file's mode. Existing files keep the modes an operator chose.
 */
function createOwnerOnly(dataDir: string, file: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
