import { type Config, ConfigError, displayUrl } from '../config.ts';
import { type DatabaseHandle, openDatabase, pingDatabase } from './database.ts';

/**
 * Opens the database and makes a first round trip, so an unreachable PostgreSQL or an unusable
 * data directory stops start-up with one sentence naming the setting, not a driver stack trace.
 */
export async function openCheckedDatabase(config: Config): Promise<DatabaseHandle> {
  const where = config.databaseUrl
    ? `the PostgreSQL database at ${displayUrl(config.databaseUrl)} (DATABASE_URL)`
    : `the SQLite database in ${config.dataDir} (PARLEY_DATA_DIR)`;
  const advice = config.databaseUrl
    ? 'Check that PostgreSQL is running and that the host, user, password and database are right, or unset DATABASE_URL to use the embedded SQLite.'
    : 'Check that the directory exists or can be created, and is writable by this user.';
  let handle: DatabaseHandle | undefined;
  try {
    handle = openDatabase(config);
    await pingDatabase(handle.db);
    return handle;
  } catch (error) {
    await handle?.close().catch(() => {});
    throw new ConfigError(`cannot use ${where}: ${reasonOf(error)}. ${advice}`);
  }
}

/** Node reports a refused "localhost" (IPv4 and IPv6) as an AggregateError without a message. */
function reasonOf(error: unknown): string {
  const err = error as Error & { errors?: Error[]; code?: string };
  return err.message || err.errors?.[0]?.message || err.code || String(error);
}
